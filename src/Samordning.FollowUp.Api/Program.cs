using Hangfire;
using Samordning.FollowUp;
using Samordning.FollowUp.Api;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Jobs;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Nothing the service accepts is large: a report request or one participation.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 256 * 1024);
    kestrel.AddServerHeader = false;
});

builder.Services.AddFollowUp(builder.Configuration, builder.Environment);
builder.Services.AddOpenApi(options => options.DescribeCodesAsNames().DescribeTheContract());
builder.Services.AddDemoData(builder.Configuration);
builder.Services.AddFollowUpUi();
builder.Services.AddFollowUpHttps(builder.Environment);

var app = builder.Build();
var development = app.Environment.IsDevelopment();

// First: every response carries the headers, including redirects, errors and static files
// (UseStaticFiles answers without going further down the pipeline).
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseFollowUpUi();
app.UseFollowUpHttps();

// Styles and scripts of the UI, served by the service itself (no CDN), before sign-in is required.
app.UseStaticFiles();

// Routing after the status-code pages: a re-executed request (/status/404) is routed afresh.
app.UseRouting();

// No CORS middleware: the API answers no cross-origin browser request (closed by default).
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

// The API reference is open in Development and for system administrators elsewhere.
var openApi = app.MapOpenApi();
// On a closed network: no fonts from Scalar's CDN (the page uses the system's), no telemetry;
// the script itself is embedded in the package and served by the service.
var reference = app.MapScalarApiReference(options => options
    .WithTitle("Samordning.FollowUp API")
    .DisableDefaultFonts()
    .DisableTelemetry());
if (development)
{
    openApi.AllowAnonymous();
    reference.AllowAnonymous();
}
else
{
    openApi.RequireAuthorization(AuthenticationSetup.SystemAdminPolicy);
    reference.RequireAuthorization(AuthenticationSetup.SystemAdminPolicy);
}

app.MapHealthChecks("/health").AllowAnonymous();
app.MapFollowUpEndpoints();
app.MapBenchmarkEndpoints();
app.MapRazorPages();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new DashboardAuthorization(allowLocalRequests: development)],
    // The dashboard's own links to the API reference and the app stay on this host.
    AppPath = "/",
}).AllowAnonymous();

await DatabaseInitializer.MigrateAsync(app.Services);
await app.SeedDemoDataAsync();
await app.Services.GetRequiredService<FirstAdminSetup>().OpenIfNoAdministratorAsync(app.Services, app.Lifetime.ApplicationStopping);
RecurringJobs.Register(app.Services);

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
