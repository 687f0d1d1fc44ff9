using Microsoft.EntityFrameworkCore;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Base of every API test: an empty database and a fresh client before each test.</summary>
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;

    /// <summary>The users this test acts as; each signs in through the API on first use.</summary>
    protected TestUsers Users { get; private set; } = null!;

    protected TestData Data { get; private set; } = null!;

    /// <summary>The system administrator.</summary>
    protected ApiClient Admin => Users.Admin;

    /// <summary>The office (AssociationAdmin) of the test's first association.</summary>
    protected ApiClient Office => Users.OfficeOf(Data.HomeAssociationId);

    /// <summary>A board member of the test's first association.</summary>
    protected ApiClient Board => Users.BoardOf(Data.HomeAssociationId);

    /// <summary>A coach of the test's first provider.</summary>
    protected ApiClient Coach => Users.CoachOf(Data.HomeProviderId);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Tests move the shared clock; every test starts at the default "now" (AdjustTime may go back).
        Factory.Clock.AdjustTime(TestDates.Now);
        Factory.Commands.Reset();
        await Factory.ResetDatabaseAsync();
        Users = new TestUsers(Factory);
        Data = new TestData(Users);
    }

    public ValueTask DisposeAsync()
    {
        Users.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Participants rows in the database (verification only; the API has no such list).</summary>
    protected Task<int> ParticipantRowsAsync() =>
        Factory.WithDbAsync(db => db.Participants.CountAsync(Ct));
}
