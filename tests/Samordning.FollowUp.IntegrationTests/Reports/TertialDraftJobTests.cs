using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The draft job: N = 5 days after a tertial ends, one office notification per association,
/// once, and none for a closed tertial. The job's command runs through the app's Mediator.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialDraftJobTests(ApiFactory factory) : ApiTest(factory)
{
    // T2 2026 ends 2026-08-31; the draft is due on 2026-09-05 (Swedish date).
    private static readonly DateTimeOffset LastEvening = new(2026, 9, 4, 21, 30, 0, TimeSpan.Zero); // 23:30 on 4 Sep in Sweden
    private static readonly DateTimeOffset DueNight = new(2026, 9, 4, 22, 30, 0, TimeSpan.Zero);    // 00:30 on 5 Sep in Sweden

    private Task<int> RunAsync() => Factory.SendAsync(new PrepareTertialDraftsCommand(), Ct);

    private async Task<List<JsonObject>> NotificationsAsync(long associationId)
    {
        // The draft notice is for the association's office.
        var response = await Users.OfficeOf(associationId).GetAsync($"/api/v1/notifications?associationId={associationId}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonAsync())["items"].Objects()];
    }

    [Fact]
    public async Task FiveDaysAfterTheTertial_OneDraftPerOpenAssociation_Once()
    {
        // A: one intervention with two participants in 2026 (W from 2026-03-02, M from 2026-05-04).
        // B: empty. C: T2 2026 closed by its board → no draft.
        var a = await Data.AssociationAsync("Förbundet A");
        var provider = await Data.ProviderAsync(a.Id);
        var x = await Data.InterventionAsync(a.Id, provider.Id);
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new DateOnly(2026, 3, 2));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Man(0), new DateOnly(2026, 5, 4));
        var b = await Data.AssociationAsync("Förbundet B");
        var c = await Data.AssociationAsync("Förbundet C");
        await (await Users.OfficeOf(c.Id).PostAsync($"/api/v1/associations/{c.Id}/reports/tertial/2026/2/close", new JsonObject { ["adoptedBy"] = "Styrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        try
        {
            // Four days after: nothing yet.
            Factory.Clock.AdjustTime(LastEvening);
            Assert.Equal(0, await RunAsync());
            Assert.Empty(await NotificationsAsync(a.Id));

            // Five days after (just past midnight in Sweden): A and B, not C.
            Factory.Clock.AdjustTime(DueNight);
            Assert.Equal(2, await RunAsync());

            var draft = Assert.Single(await NotificationsAsync(a.Id));
            Assert.Equal(("TertialReportDraft", "null", "2026-08-31", a.Id),
                (draft["kind"].Str(), draft["providerId"].Str(), draft["forDate"].Str(), draft["associationId"]!.GetValue<long>()));
            Assert.Contains("T2 2026", draft["subject"].Str(), StringComparison.Ordinal);
            // Its count: participants active year to date (W and M).
            Assert.Equal(2, draft["itemCount"]!.GetValue<int>());
            Assert.Contains($"/api/v1/associations/{a.Id}/reports/tertial/2026/2", draft["body"].Str(), StringComparison.Ordinal);
            Assert.Equal("TertialReportDraft", Assert.Single(await NotificationsAsync(b.Id))["kind"].Str());
            Assert.Empty(await NotificationsAsync(c.Id));

            // Again the same night, and again on today's date: no duplicates.
            Assert.Equal(0, await RunAsync());
            Factory.Clock.AdjustTime(TestDates.Now);
            Assert.Equal(0, await RunAsync());
            Assert.Single(await NotificationsAsync(a.Id));
            Assert.Single(await NotificationsAsync(b.Id));
            Assert.Empty(await NotificationsAsync(c.Id));
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }
    }

    [Fact]
    public async Task AfterYearEnd_DraftIsForT3OfThePreviousYear()
    {
        var a = await Data.AssociationAsync("Förbundet A");
        try
        {
            // 2027-01-04: T3 2026 ended four days ago.
            Factory.Clock.AdjustTime(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));
            Assert.Equal(0, await RunAsync());

            // 2027-01-05: the T3 2026 draft.
            Factory.Clock.AdjustTime(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));
            Assert.Equal(1, await RunAsync());
            var draft = Assert.Single(await NotificationsAsync(a.Id));
            Assert.Equal("2026-12-31", draft["forDate"].Str());
            Assert.Contains("T3 2026", draft["subject"].Str(), StringComparison.Ordinal);
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }
    }

    [Fact]
    public async Task Today_DraftForT2_2026_IsPreparedOnce()
    {
        // Today (2026-11-23) T2 2026 is long past its fifth day and nobody has prepared its draft.
        var a = await Data.AssociationAsync("Förbundet A");

        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());

        var draft = Assert.Single(await NotificationsAsync(a.Id));
        Assert.Equal(("2026-08-31", 0), (draft["forDate"].Str(), draft["itemCount"]!.GetValue<int>()));
    }
}
