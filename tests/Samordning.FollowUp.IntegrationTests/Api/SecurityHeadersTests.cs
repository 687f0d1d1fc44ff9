using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>Response headers that keep browsers from framing, sniffing and caching, and a 500 that tells nothing.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class SecurityHeadersTests(ApiFactory factory) : ApiTest(factory)
{
    private const string InternalSecret = "Hemlig intern detalj: Host=db.internal;Password=hemligt-losen";

    // A second service on the same database whose password check fails unexpectedly: a way to a
    // real 500 through the real pipeline. Kept alive with the shared factory (Hangfire's global state).
    private static readonly ConditionalWeakTable<ApiFactory, WebApplicationFactory<Program>> Broken = new();

    private WebApplicationFactory<Program> BrokenHost => Broken.GetValue(Factory, f => f.WithWebHostBuilder(builder =>
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<UserAccount>, ExplodingPasswordHasher>())));

    internal static void AssertHardened(HttpResponseMessage response, bool api = true)
    {
        var what = $"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff), $"{what}: no X-Content-Type-Options");
        Assert.Equal("nosniff", Assert.Single(sniff));
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame), $"{what}: no X-Frame-Options");
        Assert.Equal("DENY", Assert.Single(frame));
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        var policy = Assert.Single(csp);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), $"{what}: no Referrer-Policy");
        Assert.Equal("no-referrer", Assert.Single(referrer));
        Assert.False(response.Headers.Contains("Server"), $"{what}: announces its server");
        if (api)
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is '{response.Headers.CacheControl}', not no-store");
        }
    }

    [Fact]
    public async Task ApiResponses_CarryNosniffDenyCspAndNoStore_SuccessAndProblemAlike()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));

        var responses = new[]
        {
            await Coach.GetAsync($"/api/v1/participations/{participation.Id}/identity"),
            await Coach.GetAsync($"/api/v1/participations/{participation.Id}"),
            await Coach.GetAsync("/api/v1/auth/me"),
            await Coach.GetAsync($"/api/v1/participations/{participation.Id + 1000}"),
            await Office.GetAsync($"/api/v1/participations/{participation.Id}/identity"),
            await Users.Anonymous.GetAsync("/api/v1/auth/me"),
            await Coach.SearchAsync("inte-ett-nummer"),
        };

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest],
            responses.Select(r => r.StatusCode));
        foreach (var response in responses)
        {
            AssertHardened(response);
        }
    }

    [Fact]
    public async Task NonApiResponses_CarryTheBrowserHeadersToo()
    {
        using var http = Factory.CreateClient();

        var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        AssertHardened(health, api: false);
    }

    [Fact]
    public async Task UnexpectedError_500ProblemDetails_WithoutStackTraceOrInternals()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = BrokenHost.CreateClient();

        var response = await http.SignInAsync(email, ApiFactory.Password);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("Ett oväntat fel inträffade", problem.Title);
        var body = await response.BodyAsync();
        foreach (var leak in new[] { "Hemlig", "hemligt", "db.internal", "InvalidOperationException", "ExplodingPasswordHasher", " at ", "Samordning.FollowUp", ".cs:line", "stackTrace", "exception" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("\"traceId\"", body, StringComparison.Ordinal);
        AssertHardened(response);
    }

    private sealed class ExplodingPasswordHasher : IPasswordHasher<UserAccount>
    {
        public string HashPassword(UserAccount user, string password) => throw new InvalidOperationException(InternalSecret);

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword) =>
            throw new InvalidOperationException(InternalSecret);
    }
}
