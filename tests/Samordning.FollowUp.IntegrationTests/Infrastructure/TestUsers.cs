using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// The people a test acts as, each a real user signed in through the API with a real bearer
/// token: created on first use, one per role and scope, for the length of one test.
/// </summary>
public sealed class TestUsers(ApiFactory factory) : IDisposable
{
    private readonly Dictionary<string, ApiClient> _clients = [];

    public ApiClient Admin => Client("admin", () => (UserRole.SystemAdmin, null, null));

    /// <summary>A client that is not signed in.</summary>
    public ApiClient Anonymous => Client("anonymous", null);

    /// <summary>The förbund office (AssociationAdmin) of an association.</summary>
    public ApiClient OfficeOf(long associationId) => Client($"office-{associationId}", () => (UserRole.AssociationAdmin, associationId, null));

    public ApiClient BoardOf(long associationId) => Client($"board-{associationId}", () => (UserRole.BoardMember, associationId, null));

    /// <summary>A coach of a provider (the user's association is the provider's).</summary>
    public ApiClient CoachOf(long providerId) => Client($"coach-{providerId}", () => (UserRole.Coach, null, providerId));

    /// <summary>A second coach of the same provider, a colleague of <see cref="CoachOf"/>.</summary>
    public ApiClient ColleagueOf(long providerId) => Client($"colleague-{providerId}", () => (UserRole.Coach, null, providerId));

    /// <summary>A coach of the provider that runs the intervention.</summary>
    public async Task<ApiClient> CoachOfInterventionAsync(long interventionId) =>
        CoachOf(await factory.WithDbAsync(db => db.Interventions.Where(i => i.Id == interventionId).Select(i => i.ProviderId).SingleAsync()));

    public async Task<ApiClient> CoachOfParticipationAsync(long participationId) =>
        CoachOf(await factory.WithDbAsync(db => db.Participations.Where(p => p.Id == participationId)
            .Select(p => p.Intervention!.ProviderId).SingleAsync()));

    public async Task<ApiClient> CoachOfFollowUpAsync(long followUpId) =>
        CoachOf(await factory.WithDbAsync(db => db.TwelveMonthFollowUps.Where(f => f.Id == followUpId)
            .Select(f => f.Participation!.Intervention!.ProviderId).SingleAsync()));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private ApiClient Client(string key, Func<(UserRole Role, long? AssociationId, long? ProviderId)>? who)
    {
        if (!_clients.TryGetValue(key, out var client))
        {
            client = who is null
                ? new ApiClient(factory.CreateClient())
                : new ApiClient(factory.CreateClient(), async () =>
                {
                    var (role, associationId, providerId) = who();
                    if (providerId is { } id)
                    {
                        associationId = await factory.WithDbAsync(db => db.Providers.Where(p => p.Id == id).Select(p => p.AssociationId).SingleAsync());
                    }

                    return await factory.SignInAsync(await factory.CreateUserAsync(role, associationId, providerId));
                });
            _clients[key] = client;
        }

        return client;
    }
}
