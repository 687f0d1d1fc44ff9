using Samordning.FollowUp;
using Samordning.FollowUp.Api;
using Hangfire;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Jobs;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddFollowUp(builder.Configuration, builder.Environment);
builder.Services.AddOpenApi();
builder.Services.AddDemoData(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference(options => options.WithTitle("Samordning.FollowUp API"));
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
app.MapHealthChecks("/health");
app.MapFollowUpEndpoints();

// The dashboard's default authorization admits local requests only, until roles exist.
app.MapHangfireDashboard("/hangfire");

await DatabaseInitializer.MigrateAsync(app.Services);
await app.SeedDemoDataAsync();
RecurringJobs.Register(app.Services);

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
