using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>An HTTP client holding the web UI's cookie of a new user of the role (pages, not the API).</summary>
public static class UiSession
{
    public static async Task<HttpClient> SignInAsync(ApiFactory factory, UserRole role, long? associationId, long? providerId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = await factory.CreateUserAsync(role, associationId, providerId);
        // https: the cookie is Secure outside Development, and the client only returns it over https.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        });
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = ApiFactory.Password },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }
}
