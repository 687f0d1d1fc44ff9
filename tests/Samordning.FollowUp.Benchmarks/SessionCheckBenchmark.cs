using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Benchmarks;

/// <summary>
/// What the security-stamp check on every authenticated request costs: the service on Kestrel
/// (loopback), one client sending GET /api/v1/auth/me with a bearer token one request at a time,
/// in alternating batches with the check on and off (off = the bearer handler's own reading of
/// the token, as before the check). Also the check alone, called in a loop. Prints figures;
/// asserts nothing.
/// </summary>
internal static class SessionCheckBenchmark
{
    private const int Batches = 20;
    private const int PerBatch = 100;

    private static volatile bool _checkOn = true;

    public static async Task RunAsync(DatabaseProvider provider, string connection)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:FollowUp"] = connection,
            ["Jobs:RunServer"] = "false",
            ["IdentityProtection:EncryptionKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
            ["IdentityProtection:HmacKey"] = Convert.ToBase64String([.. Enumerable.Range(50, 32).Select(i => (byte)i)]),
            ["DataProtection:KeyFolder"] = Path.Combine(Path.GetTempPath(), "followup-bench-dp-keys"),
            ["Authentication:SignInAttemptsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFollowUp(builder.Configuration, builder.Environment);
        builder.Services.Configure<Samordning.FollowUp.Features.Users.PasswordLinkOptions>(o => o.Page = "/konto/valj-losenord");
        builder.Services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            var check = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = context => _checkOn ? check(context) : Task.CompletedTask;
        });
        await using var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapFollowUpEndpoints();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
            if (provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.EnsureDeletedAsync();
            }

            await db.Database.MigrateAsync();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        const string email = "bench@test.example", password = "Benchmark-losenord-2026";
        UserAccount user;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            user = new UserAccount { UserName = email, Email = email, DisplayName = "Bench", Role = UserRole.SystemAdmin, CreatedAtUtc = DateTime.UtcNow };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        using var signIn = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        signIn.EnsureSuccessStatusCode();
        using var tokens = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("accessToken").GetString());

        Console.WriteLine($"# Security-stamp check per request, {provider}, {Environment.ProcessorCount} cores, " +
            $"{Batches} alternating batches of {PerBatch} sequential GET /api/v1/auth/me per mode");
        // Warm-up: JIT, connection pools, EF Core's query caches, in both modes.
        foreach (var on in new[] { true, false, true, false })
        {
            _checkOn = on;
            await BatchAsync(http, PerBatch);
        }

        var with = new List<double>();
        var without = new List<double>();
        for (var batch = 0; batch < Batches; batch++)
        {
            _checkOn = batch % 2 == 0;
            (_checkOn ? with : without).AddRange(await BatchAsync(http, PerBatch));
            _checkOn = !_checkOn;
            (_checkOn ? with : without).AddRange(await BatchAsync(http, PerBatch));
        }

        _checkOn = true;
        Report("request with the check", with);
        Report("request without the check", without);
        Console.WriteLine($"{"added per request (median)",-40} {(Median(with) - Median(without)) * 1000,8:F0} µs");
        Console.WriteLine($"{"added per request (mean)",-40} {(with.Average() - without.Average()) * 1000,8:F0} µs");

        // The check alone: the principal's claims against the user row (one primary-key lookup).
        var alone = new List<double>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<UserAccount>>().CreateUserPrincipalAsync(
                await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email) ?? user);
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            for (var i = 0; i < Batches * PerBatch + 200; i++)
            {
                var watch = Stopwatch.StartNew();
                var current = await SessionCheck.IsCurrentAsync(context, principal);
                watch.Stop();
                if (!current)
                {
                    throw new InvalidOperationException("The benchmark's own session was refused.");
                }

                if (i >= 200)
                {
                    alone.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        Report("the check alone (SessionCheck)", alone);
        await app.StopAsync();
    }

    private static async Task<List<double>> BatchAsync(HttpClient http, int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-40} median {Median(milliseconds) * 1000,8:F0} µs   p90 {sorted[(int)(sorted.Count * 0.9)] * 1000,8:F0} µs   n={sorted.Count}"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A fresh SQLite file for the run (the size benchmarks use their own).</summary>
    public static string FreshSqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), "followup-bench-session.db");
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        return $"Data Source={file}";
    }
}
