using System.Net;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// Users of one host (the shared service or a derived one): created in its user store and signed
/// in through its own POST /api/v1/auth/login, so every request goes through that host alone.
/// </summary>
public sealed class HostUsers(IServiceProvider services, Func<HttpClient> createClient) : IDisposable
{
    private readonly Dictionary<string, ApiClient> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ApiClient Admin => Client("admin", UserRole.SystemAdmin, null, null);

    public ApiClient OfficeOf(long associationId) => Client($"office-{associationId}", UserRole.AssociationAdmin, associationId, null);

    public ApiClient BoardOf(long associationId) => Client($"board-{associationId}", UserRole.BoardMember, associationId, null);

    public ApiClient CoachOf(long associationId, long providerId) => Client($"coach-{providerId}", UserRole.Coach, associationId, providerId);

    /// <summary>A client of this host that is not signed in.</summary>
    public HttpClient CreateClient() => createClient();

    /// <summary>Sends a job's command through this host's Mediator, as the system.</summary>
    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private ApiClient Client(string key, UserRole role, long? associationId, long? providerId)
    {
        if (!_clients.TryGetValue(key, out var client))
        {
            client = new ApiClient(createClient(), async () => await SignInAsync(await CreateUserAsync(role, associationId, providerId)));
            _clients[key] = client;
        }

        return client;
    }

    /// <summary>A user in this host's store with <see cref="ApiFactory.Password"/>; returns the e-mail.</summary>
    public async Task<string> CreateUserAsync(UserRole role, long? associationId, long? providerId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var result = await users.CreateAsync(new UserAccount
        {
            UserName = email,
            Email = email,
            DisplayName = $"Test {role}",
            Role = role,
            AssociationId = associationId,
            ProviderId = providerId,
            CreatedAtUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,

            // The test's coaches are confirmed by their provider, as a working coach is.
            ProviderConfirmedAtUtc = role == UserRole.Coach ? services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime : null,
        }, ApiFactory.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return email;
    }

    private async Task<string> SignInAsync(string email)
    {
        using var http = createClient();
        var tokens = await (await http.SignInAsync(email, ApiFactory.Password)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);
        return tokens.AccessToken;
    }
}
