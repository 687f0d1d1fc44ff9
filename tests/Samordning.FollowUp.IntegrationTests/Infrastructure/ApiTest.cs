using Microsoft.EntityFrameworkCore;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Base of every API test: an empty database and a fresh client before each test.</summary>
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;

    protected ApiClient Api { get; private set; } = null!;

    protected TestData Data { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Tests move the shared clock; every test starts at the default "now" (AdjustTime may go back).
        Factory.Clock.AdjustTime(TestDates.Now);
        Factory.Commands.Reset();
        await Factory.ResetDatabaseAsync();
        Api = new ApiClient(Factory.CreateClient());
        Data = new TestData(Api);
    }

    public ValueTask DisposeAsync()
    {
        Api.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Participants rows in the database (verification only; the API has no such list).</summary>
    protected Task<int> ParticipantRowsAsync() =>
        Factory.WithDbAsync(db => db.Participants.CountAsync(Ct));
}
