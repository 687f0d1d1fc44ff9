using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// A failed sign-in does not tell whether the account exists: the same answer, and the same time,
/// for an unknown account, a wrong password and a locked account, in the API and on the sign-in page.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed partial class SignInEnumerationTests(ApiFactory factory) : ApiTest(factory)
{
    private const string WrongPassword = "Fel-losenord-2026";
    private const string Failed = "Fel e-postadress eller lösenord.";
    private const int Rounds = 15;

    // A second service on the same database that hashes passwords with the production work factor
    // (the shared one lowers it to save CPU) and locks only after 100 failures, so that every timed
    // attempt on the existing account is a wrong password and not a locked account. It lives as
    // long as the shared factory: Hangfire's process-wide state must not lose a live host.
    private static readonly ConditionalWeakTable<ApiFactory, WebApplicationFactory<Program>> ProductionHashing = new();

    private WebApplicationFactory<Program> ProductionHashingHost => ProductionHashing.GetValue(Factory, f => f.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Authentication:MaxFailedAttempts", "100");
        builder.ConfigureTestServices(services =>
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = new PasswordHasherOptions().IterationCount));
    }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task SignIn_UnknownAccount_TakesAsLongAsAWrongPassword_WithTheProductionWorkFactor()
    {
        var host = ProductionHashingHost;
        var email = await CreateUserAsync(host.Services);
        var iterations = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync(Ct));
        // Format 3 of Identity's hasher: marker, PRF, iteration count (big-endian), …
        Assert.Equal(new PasswordHasherOptions().IterationCount, (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(iterations!).AsSpan(5, 4)));
        var unknown = $"finns-inte-{Guid.NewGuid():N}@test.example";
        using var http = host.CreateClient();
        async Task<double> MillisecondsAsync(string who)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.SignInAsync(who, WrongPassword);
            stopwatch.Stop();
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(Failed, problem.Detail);
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        // Warm-up: the first attempt of each kind pays for JIT and the dummy hash.
        await MillisecondsAsync(unknown);
        await MillisecondsAsync(email);
        var unknownTimes = new List<double>();
        var wrongTimes = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            unknownTimes.Add(await MillisecondsAsync(unknown));
            wrongTimes.Add(await MillisecondsAsync(email));
        }

        var (unknownMedian, wrongMedian) = (Median(unknownTimes), Median(wrongTimes));
        var difference = Math.Abs(unknownMedian - wrongMedian);
        TestContext.Current.TestOutputHelper?.WriteLine($"Median sign-in time: unknown account {unknownMedian:F1} ms, wrong password {wrongMedian:F1} ms.");
        Assert.False(difference > 0.25 * Math.Max(unknownMedian, wrongMedian) && difference > 15,
            $"An unknown account takes {unknownMedian:F1} ms (median of {Rounds}), a wrong password {wrongMedian:F1} ms: the time tells that the account exists.");
    }

    [Fact]
    public async Task SignInPage_LockedAccount_SaysWhatAWrongPasswordSays()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var api = Factory.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await (await api.SignInAsync(email, WrongPassword)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        });

        var locked = await SubmitSignInPageAsync(browser, email, ApiFactory.Password);
        var unknown = await SubmitSignInPageAsync(browser, "finns-inte@test.example", ApiFactory.Password);

        Assert.Contains(Failed, locked, StringComparison.Ordinal);
        Assert.DoesNotContain("låst", locked, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Failed, unknown, StringComparison.Ordinal);
        // The audit log still tells the lock (the attempt that locked, and the one on the page).
        Assert.Equal(2, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(
            a => a.UserName == email && a.Action == AuditAction.SignInFailed && a.Detail == "Kontot är låst", Ct)));
    }

    /// <summary>Posts the sign-in form as a browser would; returns the page shown (not signed in).</summary>
    private static async Task<string> SubmitSignInPageAsync(HttpClient browser, string email, string password)
    {
        var form = await (await browser.GetAsync(new Uri("/logga-in", UriKind.Relative), Ct)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = AntiforgeryField().Match(await form.BodyAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await browser.PostAsync(new Uri("/logga-in", UriKind.Relative), content, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.BodyAsync();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<string> CreateUserAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var email = $"systemadmin-{Guid.NewGuid():N}@test.example";
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().CreateAsync(new UserAccount
        {
            UserName = email,
            Email = email,
            DisplayName = "Test SystemAdmin",
            Role = UserRole.SystemAdmin,
            CreatedAtUtc = TestDates.Now.UtcDateTime,
        }, ApiFactory.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return email;
    }
}
