using Samordning.FollowUp;
using Samordning.FollowUp.Api;
using Samordning.FollowUp.Data;
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

await DatabaseInitializer.MigrateAsync(app.Services);
await app.SeedDemoDataAsync();

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
