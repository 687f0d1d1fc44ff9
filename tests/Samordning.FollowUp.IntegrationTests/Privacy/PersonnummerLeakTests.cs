using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// After everything the service does with personnummer (<see cref="PersonnummerScenario"/>), no
/// number is found in clear: not in any table, not in the database file, not in any log line at
/// any level, and not in anything the office or the board can read.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class PersonnummerLeakTests(ApiFactory factory) : ApiTest(factory)
{
    // A second service on the same database and clock that logs everything at Trace into a
    // recorder. It lives as long as the shared factory (which disposes it): Hangfire keeps
    // process-wide state that must not lose a live host.
    private static readonly ConditionalWeakTable<ApiFactory, LoggingHost> Logging = new();

    private sealed record LoggingHost(WebApplicationFactory<Program> Host, CapturingLoggerProvider Capture);

    private LoggingHost Logged => Logging.GetValue(Factory, f =>
    {
        var capture = new CapturingLoggerProvider();
        var host = f.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Trace");
            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(capture);
                // Whatever appsettings says for a category, the recorder hears everything.
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            });
        });
        return new LoggingHost(host, capture);
    });

    [Fact]
    public async Task Scenario_NoTableHoldsAPersonnummerInClear_InAnyForm()
    {
        using var users = new HostUsers(Factory.Services, Factory.CreateClient);

        var scenario = await PersonnummerScenario.RunAsync(users);

        var tables = await Factory.TableNamesAsync();
        Assert.Contains("Participants", tables);
        Assert.Contains("AuditLog", tables);
        var found = new List<string>();
        var rows = 0;
        foreach (var table in tables)
        {
            var content = await Factory.ReadRawTableAsync(table);
            rows += content.Count;
            found.AddRange(PersonnummerForms.FoundInRows(table, content, scenario.Numbers));
        }

        Assert.True(found.Count == 0, "Personnummer in clear:\n" + string.Join('\n', found));
        Assert.True(rows > 50, $"The scenario left only {rows} rows; did it run?");
        var participants = await Factory.ReadRawTableAsync("Participants");
        Assert.Contains(participants, p => p["IdentityCipher"] is byte[] { Length: > 0 });
    }

    [Fact]
    public async Task Scenario_TheSqliteDatabaseFileHoldsNoPersonnummer()
    {
        if (Factory.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("The database file is read on SQLite only; the tables are checked on every provider.");
        }

        using var users = new HostUsers(Factory.Services, Factory.CreateClient);
        var scenario = await PersonnummerScenario.RunAsync(users);

        var path = new SqliteConnectionStringBuilder(Factory.ConnectionString).DataSource;
        await using (var connection = new SqliteConnection(Factory.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        var found = new List<string>();
        var bytes = 0L;
        var sawTheScenario = false;
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            // Shared read: the service keeps its connections open.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, Ct);
            bytes += memory.Length;
            // The bytes read are the service's data: the association's name is there in clear.
            sawTheScenario |= memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(System.Text.Encoding.UTF8.GetBytes("Förbundet Läckagetest")) >= 0;
            found.AddRange(PersonnummerForms.FoundIn(memory.GetBuffer().AsSpan(0, (int)memory.Length), scenario.Numbers)
                .Select(hit => $"{Path.GetFileName(file)}: {hit}"));
        }

        Assert.True(bytes > 0, $"No database file at {path}");
        Assert.True(sawTheScenario, "The database file does not hold the scenario's data; is it the right file?");
        Assert.True(found.Count == 0, "Personnummer in the database file:\n" + string.Join('\n', found));
    }

    [Fact]
    public async Task Scenario_NoLogLineAtAnyLevelHoldsAPersonnummer()
    {
        var logged = Logged;
        _ = logged.Host.Server;
        logged.Capture.Clear();
        using var users = new HostUsers(logged.Host.Services, logged.Host.CreateClient);

        var scenario = await PersonnummerScenario.RunAsync(users);
        await PersonnummerScenario.OfficeAndBoardReadAsync(users, scenario);
        var secrets = await TypedInTheUiAndInUrlsAsync(logged.Host, users, scenario);

        var logs = logged.Capture.Logs;
        Assert.Contains(logs, l => l.Level == LogLevel.Trace);
        // Every category at Trace, including the Razor Pages invoker, which writes a handler's
        // arguments at Trace ("Executing handler method … with arguments (19540122-2178)"); the
        // check as you type ran its handler, which now takes none.
        const string invoker = "Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker";
        Assert.Contains(logs, l => l.Level == LogLevel.Trace && l.Category == invoker);
        Assert.Contains(logs, l => l.Category == invoker
            && l.Text.Contains("Executing handler method Samordning.FollowUp.Api.Pages.Participations.CheckPersonnummerModel.OnPost", StringComparison.Ordinal));
        // Not even redacted: the number never reaches the invoker's lines (the redaction is the second line of defence).
        Assert.DoesNotContain(logs, l => l.Category == invoker && l.Text.Contains(LogRedaction.PersonnummerMark, StringComparison.Ordinal));
        // The URLs that carried numbers were logged, with the numbers and one-time codes blanked.
        Assert.Contains(logs, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
            && l.Text.Contains("/api/v1/participations/[personnummer]", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Text.Contains("kod=***", StringComparison.Ordinal) && l.Text.Contains("token=***", StringComparison.Ordinal));
        var secretLeaks = logs.Where(l => secrets.Any(secret => l.Text.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(secretLeaks.Count == 0, "kod/token in the log:\n" + string.Join('\n', secretLeaks.Take(5).Select(l => Excerpt(l.Text))));
        Assert.Contains(logs, l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Text.Contains("\"Participants\"", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
            && l.Text.Contains("/api/v1/participations/search", StringComparison.Ordinal));
        var leaks = logs
            .SelectMany(l => PersonnummerForms.FoundIn(l.Text, scenario.Numbers).Select(hit => $"[{l.Level} {l.Category}] {hit}: {Excerpt(l.Text)}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {logs.Count} log lines hold a personnummer:\n" + string.Join('\n', leaks.Take(20)));
    }

    [Fact]
    public async Task Scenario_OfficeAndBoardReadNoPersonnummer_NoIdentityField_NoParticipantId()
    {
        using var users = new HostUsers(Factory.Services, Factory.CreateClient);
        var scenario = await PersonnummerScenario.RunAsync(users);

        var reads = await PersonnummerScenario.OfficeAndBoardReadAsync(users, scenario);

        var problems = new List<string>();
        foreach (var read in reads)
        {
            var what = $"{read.Who} GET {read.Path}";
            problems.AddRange(PersonnummerForms.FoundIn(read.Body, scenario.Numbers).Select(hit => $"{what}: {hit}"));
            problems.AddRange(scenario.Numbers.Where(n => read.Body.Contains(TestPersonnummer.Masked(n), StringComparison.Ordinal))
                .Select(n => $"{what}: masked {TestPersonnummer.Masked(n)}"));
            foreach (var field in new[] { "personalIdentityNumber", "participantId" })
            {
                if (read.Body.Contains(field, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{what}: has '{field}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var report = reads.First(r => r.Who == "board" && r.Path.EndsWith("/reports/tertial/2025/3?view=current&mode=YearToDate", StringComparison.Ordinal));
        Assert.Contains("Utföraren Ett", report.Body, StringComparison.Ordinal);
        Assert.Contains(reads, r => r.Who == "office" && r.Path == "/api/v1/notifications" && r.Body.Contains("\"totalCount\":", StringComparison.Ordinal)
            && !r.Body.Contains("\"totalCount\":0", StringComparison.Ordinal));

        // And what they may not read at all.
        var participation = (await (await users.CoachOf(scenario.AssociationId, await ProviderOfAsync(scenario.InterventionIds[0]))
            .GetAsync($"/api/v1/interventions/{scenario.InterventionIds[0]}/participations")).ShouldBeAsync<PageDto<ParticipationDto>>(HttpStatusCode.OK)).Items[0];
        foreach (var client in new[] { users.OfficeOf(scenario.AssociationId), users.BoardOf(scenario.AssociationId) })
        {
            foreach (var path in new[]
            {
                $"/api/v1/participations/{participation.Id}",
                $"/api/v1/participations/{participation.Id}/identity",
                $"/api/v1/interventions/{scenario.InterventionIds[0]}/participations",
                "/api/v1/follow-ups",
            })
            {
                await (await client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            }
        }
    }

    /// <summary>
    /// What a browser and a careless client add to the scenario: the intake form's check as you
    /// type (a real form POST with the antiforgery token, as the page's script sends it), and
    /// personnummer, one-time codes and tokens put in URLs. Returns the codes and tokens used.
    /// </summary>
    private static async Task<string[]> TypedInTheUiAndInUrlsAsync(WebApplicationFactory<Program> host, HostUsers users, PersonnummerScenarioResult scenario)
    {
        var interventionId = scenario.InterventionIds[0];
        var providerId = await WithDbAsync(host, db => db.Interventions.Where(i => i.Id == interventionId).Select(i => i.ProviderId).SingleAsync(Ct));
        var email = await users.CreateUserAsync(UserRole.Coach, scenario.AssociationId, providerId);
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        });
        await (await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = ApiFactory.Password }, Ct))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var token = await UiSession.FormTokenAsync(browser, $"/insatser/{interventionId}/inskrivning");
        foreach (var (typed, valid) in new[]
        {
            (TestPersonnummer.WithDash(scenario.Numbers[0]), true),
            (PersonnummerForms.TenDigits(scenario.Numbers[1]), true),
            (scenario.Numbers[^1], false), // the mistyped one
        })
        {
            // As the intake page's script sends it (data-check-url, the form's token).
            var check = await (await UiSession.PostFormAsync(browser, "/insatser/personnummer-kontroll", token, ("value", typed)))
                .ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
            Assert.Equal(valid, (bool)check["valid"]!);
        }

        // A client that puts the number in the path and the query string, and one-time links.
        string[] secrets = ["6F1C9A2B7D", "eyJhbGciOiJIUzI1NiJ9.hemlig"];
        var coach = users.CoachOf(scenario.AssociationId, providerId);
        await coach.GetAsync($"/api/v1/participations/{TestPersonnummer.WithDash(scenario.Numbers[2])}");
        await coach.GetAsync($"/api/v1/follow-ups?personnummer={scenario.Numbers[3]}&pnr={PersonnummerForms.TenDigitsWithDash(scenario.Numbers[4])}");
        await coach.GetAsync($"/api/v1/participations/{PersonnummerForms.TenDigits(scenario.Numbers[5])}?kod={secrets[0]}&token={secrets[1]}");
        await browser.GetAsync(new Uri($"/insatser/{interventionId}/deltagare?sok={scenario.Numbers[6]}&kod={secrets[0]}", UriKind.Relative), Ct);
        return secrets;
    }

    private static async Task<T> WithDbAsync<T>(WebApplicationFactory<Program> host, Func<FollowUpDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FollowUpDbContext>());
    }

    private Task<long> ProviderOfAsync(long interventionId) =>
        Factory.WithDbAsync(db => Task.FromResult(db.Interventions.Where(i => i.Id == interventionId).Select(i => i.ProviderId).Single()));

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
