using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>The provider's self-assessment per intervention and tertial, shown on that row only.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialNoteTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Note(string? referral, string? worked = null, string? risks = null) => new()
    {
        ["referralFlowAndQueue"] = referral,
        ["whatWorked"] = worked,
        ["deviationsAndRisks"] = risks,
    };

    [Fact]
    public async Task Note_AppearsOnItsRowForItsTertialOnly()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var response = await Office.PutAsync($"/api/v1/interventions/{f.X.Id}/tertial-notes/2025/1",
            Note("  Jämnt inflöde från FK, kö 3 veckor.  ", "Arbetsträning hos lokala arbetsgivare.", "Handledare sjukskriven i mars."));

        var saved = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Jämnt inflöde från FK, kö 3 veckor.", saved["referralFlowAndQueue"].Str()); // trimmed

        foreach (var mode in new[] { "Period", "YearToDate" })
        {
            var report = (await Office.ReportAsync(f.Association.Id, 2025, 1, mode))["report"]!.AsObject();
            var note = report.Row(f.X.Id)["note"];
            Assert.NotNull(note);
            Assert.Equal((f.X.Id, 2025L, 1L), (note["interventionId"]!.GetValue<long>(), note["year"]!.GetValue<long>(), note["tertial"]!.GetValue<long>()));
            Assert.Equal(("Jämnt inflöde från FK, kö 3 veckor.", "Arbetsträning hos lokala arbetsgivare.", "Handledare sjukskriven i mars."),
                (note["referralFlowAndQueue"].Str(), note["whatWorked"].Str(), note["deviationsAndRisks"].Str()));
            // Y and Z have no note; no subtotal carries one.
            Assert.Null(report.Row(f.Y.Id)["note"]);
            Assert.Null(report.Row(f.Z.Id)["note"]);
        }

        // Another tertial of the same intervention shows no note.
        var t2 = (await Office.ReportAsync(f.Association.Id, 2025, 2))["report"]!.AsObject();
        Assert.All(t2.Rows(), r => Assert.Null(r["note"]));
    }

    [Fact]
    public async Task Note_SetAgain_ReplacesTheTexts()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        await (await Office.PutAsync($"/api/v1/interventions/{f.Y.Id}/tertial-notes/2025/2", Note("Första", "Bra"))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PutAsync($"/api/v1/interventions/{f.Y.Id}/tertial-notes/2025/2", Note(null, null, "Ny risk"))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var note = (await Office.ReportAsync(f.Association.Id, 2025, 2))["report"]!.AsObject().Row(f.Y.Id)["note"];
        Assert.Equal(("null", "null", "Ny risk"), (note!["referralFlowAndQueue"].Str(), note["whatWorked"].Str(), note["deviationsAndRisks"].Str()));
    }

    /// <summary>
    /// The plans ask for "soft values" (self-confidence, health, social ties): a note may hold only
    /// those, and the board reads them under their own heading on the page, in the PDF and Excel.
    /// </summary>
    [Fact]
    public async Task Note_SoftValuesAlone_AreSaved_AndTheBoardReadsThemUnderTheirHeading()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var body = Note(null);
        body["softValues"] = "  Flera deltagare beskriver bättre sömn och nya kontakter i gruppen.  ";

        var saved = await (await Office.PutAsync($"/api/v1/interventions/{f.X.Id}/tertial-notes/2025/1", body)).ReadJsonAsync();

        Assert.Equal("Flera deltagare beskriver bättre sömn och nya kontakter i gruppen.", saved["softValues"].Str());
        var board = await Users.BoardOf(f.Association.Id).ReportAsync(f.Association.Id, 2025, 1);
        var notes = board["presentation"]!["notes"]!.AsArray();
        var parts = notes.SelectMany(n => n!["parts"]!.AsArray()).ToList();
        Assert.Contains(parts, p => p!["heading"].Str() == "Mjuka värden"
            && p["text"].Str() == "Flera deltagare beskriver bättre sömn och nya kontakter i gruppen.");

        var tooLong = Note(null);
        tooLong["softValues"] = new string('å', 4001);
        await (await Office.PutAsync($"/api/v1/interventions/{f.X.Id}/tertial-notes/2025/1", tooLong))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "softValues");
    }

    [Fact]
    public async Task Note_WithoutAnyText_Returns400()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var response = await Office.PutAsync($"/api/v1/interventions/{f.X.Id}/tertial-notes/2025/1", Note("  ", null, ""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "referralFlowAndQueue");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task Note_BadTertial_Returns400Tertial(int tertial)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var response = await Office.PutAsync($"/api/v1/interventions/{f.X.Id}/tertial-notes/2025/{tertial}", Note("Text"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
    }

    [Fact]
    public async Task Note_UnknownIntervention_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.PutAsync("/api/v1/interventions/987654/tertial-notes/2025/1", Note("Text"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
