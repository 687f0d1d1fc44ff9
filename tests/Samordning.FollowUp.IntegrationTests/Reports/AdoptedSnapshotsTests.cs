using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// An adopted report never changes, so the board's pages read its snapshot once (<see cref="AdoptedSnapshots"/>)
/// and take the same report again after later changes, which are still shown.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class AdoptedSnapshotsTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AfterAChange_TheBoardsPageReadsNoAdoptedSnapshotAgain_AndShowsTheChange()
    {
        var association = await Data.AssociationAsync(smallNumberThreshold: 3);
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 10));
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", new DateOnly(2026, 3, 2));
        var office = Users.OfficeOf(association.Id);
        await (await office.PostAsync($"/api/v1/associations/{association.Id}/reports/tertial/2026/1/close",
                new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var snapshots = Factory.Services.GetRequiredService<AdoptedSnapshots>();
        var board = Users.BoardOf(association.Id);

        var before = snapshots.Read;
        await board.ReportAsync(association.Id, 2026, 2);
        await board.ReportAsync(association.Id, 2026, 1);
        var read = snapshots.Read;
        Assert.True(read > before, "the board's pages read the adopted T1");
        Assert.Equal(2, (await office.ReportAsync(association.Id, 2026, 2)).TotalOf("active"));

        // A change in T2: the year's reports and the trend are built again; the adopted T1 is not read again.
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", new DateOnly(2026, 6, 1));
        var after = await board.ReportAsync(association.Id, 2026, 2);
        var adopted = await board.ReportAsync(association.Id, 2026, 1);
        Assert.Equal(read, snapshots.Read);
        Assert.Equal("Adopted", adopted["status"]!.GetValue<string>());
        Assert.Equal(3, (await office.ReportAsync(association.Id, 2026, 2)).TotalOf("active"));
        Assert.Contains("\"masked\":true", after["presentation"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
