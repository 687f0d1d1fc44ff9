using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Economy;

/// <summary>
/// Actual costs imported from the accounting: a preview names every bad row in Swedish, a file with
/// one bad row writes nothing, a good file writes its sums per tertial (months summed into theirs).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ImportActualCostsTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject File(string csv, bool commit) => new()
    {
        ["fileName"] = "utfall.csv",
        ["contentBase64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)),
        ["commit"] = commit,
    };

    [Fact]
    public async Task BadFile_PreviewNamesEachRow_AndCommitWritesNothing()
    {
        var intervention = await Data.InterventionAsync();
        var office = Users.OfficeOf(intervention.AssociationId);
        var path = $"/api/v1/associations/{intervention.AssociationId}/economy/cost-import";
        var csv = $"""
            Typ;Namn;År;Tertial;Månad;Belopp
            Insats;{intervention.Name};2026;1;;120 000
            Insats;Finns inte;2026;1;;5000
            Administration;Kanslipersonal;2026;;13;1000
            Administration;IT;2026;2;;tusen
            """;
        var preview = await (await office.PostAsync(path, File(csv, commit: false))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var errors = preview["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Equal(
        [
            "Rad 3: förbundet har ingen insats som heter \"Finns inte\".",
            "Rad 4: månaden ska vara 1–12.",
            "Rad 5: beloppet ska vara hela kronor, 0 eller mer.",
        ], errors);
        Assert.False(preview["written"]!.GetValue<bool>());

        var problem = await (await office.PostAsync(path, File(csv, commit: true))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.Equal(3, problem.Errors!["file"].Length);
        var counts = (await Factory.WithDbAsync(db => db.InterventionCosts.CountAsync(Ct)), await Factory.WithDbAsync(db => db.AdministrationCosts.CountAsync(Ct)));
        Assert.Equal((0, 0), counts);
    }

    [Fact]
    public async Task GoodFile_WritesTheSumsPerTertial()
    {
        var intervention = await Data.InterventionAsync();
        var office = Users.OfficeOf(intervention.AssociationId);
        var path = $"/api/v1/associations/{intervention.AssociationId}/economy/cost-import";
        // January–April are T1: 30 000 + 40 000 + 50 000 = 120 000; May is T2.
        var csv = $"""
            Typ;Namn;År;Tertial;Månad;Belopp
            Insats;{intervention.Name};2026;;1;30 000
            Insats;{intervention.Name};2026;;2;40 000
            Insats;{intervention.Name};2026;;4;50 000
            Insats;{intervention.Name};2026;;5;45 000
            Administration;Lokaler;2026;1;;28 000
            """;
        var preview = await (await office.PostAsync(path, File(csv, commit: false))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.Empty(preview["errors"]!.AsArray());
        var written = await (await office.PostAsync(path, File(csv, commit: true))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.True(written["written"]!.GetValue<bool>());

        var economy = await (await office.GetAsync($"/api/v1/interventions/{intervention.Id}/economy")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var year = economy["years"]!.AsArray().Single()!;
        Assert.Equal((120_000L, 45_000L), (year["tertial1Sek"]!.GetValue<long>(), year["tertial2Sek"]!.GetValue<long>()));
        var premises = await Factory.WithDbAsync(db => db.AdministrationCosts.Select(c => c.Tertial1Sek).SingleAsync(Ct));
        Assert.Equal(28_000, premises);
    }
}
