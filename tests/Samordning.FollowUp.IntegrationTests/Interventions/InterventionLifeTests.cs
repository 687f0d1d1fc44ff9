using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

/// <summary>
/// An intervention over its life (today is 2026-11-23; by default it runs 2026-01-01 – 2027-12-31):
/// edited with a history of who changed what, its fixed fields locked once something is
/// registered, its period kept around what is registered, ended with no intake after the end.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class InterventionLifeTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>Swedish numbers have no-break spaces between thousands and before "kr".</summary>
    private static string? Plain(string? text) => text?.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The edit request with the intervention's values as created, changed by <paramref name="change"/>.</summary>
    private static JsonObject Edit(InterventionDto i, Mode mode, Action<JsonObject>? change = null)
    {
        var body = TestData.Intervention(i.ProviderId, mode, i.StartDate, i.EndDate);
        change?.Invoke(body);
        return body;
    }

    private async Task<IReadOnlyList<InterventionChangeDto>> HistoryAsync(long id) =>
        await (await Office.GetAsync($"/api/v1/interventions/{id}/history")).ShouldBeAsync<List<InterventionChangeDto>>(HttpStatusCode.OK);

    [Fact]
    public async Task Update_ChangedFields_AreSavedAndEachIsInTheHistoryInSwedish()
    {
        var i = await Data.InterventionAsync();

        var saved = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified, b =>
        {
            b["name"] = "Steg till arbete 2.0";
            b["municipalities"] = new JsonArray("Borås", "Mark", "Ulricehamn");
            b["expectedLengthWeeks"] = 40;
        }))).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);

        Assert.Equal("Steg till arbete 2.0", saved.Name);
        Assert.Equal(["Borås", "Mark", "Ulricehamn"], saved.Municipalities);
        var history = await HistoryAsync(i.Id);
        Assert.Contains(history, c => c.FieldLabel == "Namn" && c.OldValue == "Steg till arbete" && c.NewValue == "Steg till arbete 2.0");
        Assert.Contains(history, c => c.FieldLabel == "Kommuner" && c.OldValue == "Borås, Mark" && c.NewValue == "Borås, Mark, Ulricehamn");
        Assert.Contains(history, c => c.FieldLabel == "Förväntad längd" && c.NewValue == "40 veckor");
        Assert.All(history, c => Assert.Contains("@", c.ChangedBy, StringComparison.Ordinal));
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public async Task Update_SameValuesAgain_ChangesNothingAndWritesNoHistory()
    {
        var i = await Data.InterventionAsync();
        var body = Edit(i, Mode.Identified, b => b["name"] = "Nytt namn");
        await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", body)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", body)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Single(await HistoryAsync(i.Id));
    }

    [Fact]
    public async Task Update_OrientationAndModeWithoutRegistrations_AreChanged()
    {
        var i = await Data.InterventionAsync();

        var saved = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.CountOnly)))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);

        Assert.Equal(("Structural", "Training", "CountOnly"), (saved.Orientation, saved.Category, saved.RegistrationMode));
        var history = await HistoryAsync(i.Id);
        Assert.Contains(history, c => c.FieldLabel == "Registrering" && c.NewValue!.StartsWith("Endast antal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_OrientationModeOrProviderOnceParticipantsExist_Returns400OnEachFieldInSwedish()
    {
        var i = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Data.ParticipationAsync(i.Id, TestData.Anonymous("Woman", 1990, new DateOnly(2026, 3, 2)));
        var other = await Data.ProviderAsync(i.AssociationId);

        var problem = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.CountOnly, b => b["providerId"] = other.Id)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "orientation");

        Assert.Contains("Inriktningen kan inte ändras", problem.Errors!["orientation"][0], StringComparison.Ordinal);
        Assert.Contains("Registreringssättet kan inte ändras", problem.Errors["registrationMode"][0], StringComparison.Ordinal);
        Assert.Contains("Utföraren kan inte bytas", problem.Errors["providerId"][0], StringComparison.Ordinal);
        Assert.Empty(await HistoryAsync(i.Id));
    }

    [Fact]
    public async Task Update_OrientationOnceCountsExist_Returns400Orientation()
    {
        var i = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{i.Id}/counts/2026/1", new JsonObject { ["women"] = 2, ["men"] = 1 }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "orientation");
    }

    [Fact]
    public async Task Update_PeriodThatLeavesParticipationsOutside_Returns400NamingTheDates()
    {
        var i = await Data.InterventionAsync();
        var p = await Data.ParticipationAsync(i.Id, TestData.Identified(TestPersonnummer.Woman(1), new DateOnly(2026, 3, 2)));
        await Data.ExitAsync(p.Id, TestData.Exit(new DateOnly(2026, 9, 30)));

        var late = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified, b => b["startDate"] = "2026-04-01")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
        var early = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified, b => b["endDate"] = "2026-06-30")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");

        Assert.Contains("2026-03-02", late.Errors!["startDate"][0], StringComparison.Ordinal);
        Assert.Contains("2026-09-30", early.Errors!["endDate"][0], StringComparison.Ordinal);
        await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified, b => b["endDate"] = "2026-09-30")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_EndBeforeATertialWithCounts_Returns400EndDate()
    {
        var i = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{i.Id}/counts/2026/3", new JsonObject { ["women"] = 2, ["men"] = 1 }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var problem = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.CountOnly, b => b["endDate"] = "2026-08-31")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");

        Assert.Contains("T3 2026", problem.Errors!["endDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_InThePastWithParticipantsStillIn_Returns400EndDate()
    {
        var i = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Data.ParticipationAsync(i.Id, TestData.Anonymous("Man", 1985, new DateOnly(2026, 3, 2)));

        var problem = await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject { ["endDate"] = "2026-10-31" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");

        Assert.Contains("1 deltagare är fortfarande inskrivna", problem.Errors!["endDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_Today_NoIntakeAfterItAndTheHistorySaysWho()
    {
        var i = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Data.ParticipationAsync(i.Id, TestData.Anonymous("Man", 1985, new DateOnly(2026, 3, 2)));

        var ended = await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject { ["endDate"] = Iso(Today) }))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        var late = await (await Data.CoachOfAsync(i.Id)).PostAsync($"/api/v1/interventions/{i.Id}/participations",
            TestData.Anonymous("Woman", 1990, Today.AddDays(1)));

        Assert.Equal(Today, ended.EndDate);
        var problem = await late.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
        Assert.Equal($"Insatsen avslutades {Iso(Today)}. Ingen kan skrivas in med startdatum efter det.", problem.Errors!["startDate"][0]);
        var change = Assert.Single(await HistoryAsync(i.Id));
        Assert.Equal(("Slutdatum", "2027-12-31", Iso(Today)), (change.FieldLabel, change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task End_CountOnly_NoCountForALaterTertial()
    {
        var i = await Data.InterventionAsync(Mode.CountOnly);
        await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject { ["endDate"] = "2026-04-30" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var problem = await (await Coach.PutAsync($"/api/v1/interventions/{i.Id}/counts/2026/2", new JsonObject { ["women"] = 2, ["men"] = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");

        Assert.Equal("Insatsen avslutades 2026-04-30. Antal kan inte anges för ett tertial efter det.", problem.Errors!["tertial"][0]);
        await (await Coach.PutAsync($"/api/v1/interventions/{i.Id}/counts/2026/1", new JsonObject { ["women"] = 2, ["men"] = 1 }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task End_BeforeAPlannedYear_RemovesThatPlanAndKeepsItInTheHistory()
    {
        var i = await Data.InterventionAsync();
        await Office.PlanAsync(i.Id, 2027, 12, 600_000, 0);

        var ended = await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject { ["endDate"] = "2026-12-31" }))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);

        Assert.Empty(ended.Plans);
        var history = await HistoryAsync(i.Id);
        Assert.Contains(history, c => c.FieldLabel == "Årsplan" && Plain(c.OldValue) == "2027: 12 deltagare, budget 600 000 kr");
    }

    [Fact]
    public async Task End_BeforeAYearWithAnActualCost_Returns400EndDate()
    {
        var i = await Data.InterventionAsync();
        await Office.PlanAsync(i.Id, 2027, 12, 600_000, 15_000);

        await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject { ["endDate"] = "2026-12-31" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
    }

    [Fact]
    public async Task End_WithoutDate_Returns400EndDateInSwedish()
    {
        var i = await Data.InterventionAsync();

        var problem = await (await Office.PostAsync($"/api/v1/interventions/{i.Id}/end", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");

        Assert.Equal("Slutdatum måste anges.", problem.Errors!["endDate"][0]);
    }

    [Fact]
    public async Task Update_EmptyName_Returns400NameInSwedish()
    {
        var i = await Data.InterventionAsync();

        var problem = await (await Office.PutAsync($"/api/v1/interventions/{i.Id}", Edit(i, Mode.Identified, b => b["name"] = "")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");

        Assert.Equal("Namn måste anges.", problem.Errors!["name"][0]);
    }

    [Fact]
    public async Task EditState_SaysWhatIsLockedAndTheEarliestEnd()
    {
        var i = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var before = await (await Office.GetAsync($"/api/v1/interventions/{i.Id}/edit-state")).ShouldBeAsync<InterventionEditStateDto>(HttpStatusCode.OK);
        var p = await Data.ParticipationAsync(i.Id, TestData.Anonymous("Man", 1985, new DateOnly(2026, 3, 2)));
        await Data.ExitAsync(p.Id, TestData.Exit(new DateOnly(2026, 5, 4)));
        await Data.ParticipationAsync(i.Id, TestData.Anonymous("Woman", 1985, new DateOnly(2026, 4, 1)));

        var after = await (await Office.GetAsync($"/api/v1/interventions/{i.Id}/edit-state")).ShouldBeAsync<InterventionEditStateDto>(HttpStatusCode.OK);

        Assert.Equal(new InterventionEditStateDto(false, null, 0), before);
        Assert.Equal(new InterventionEditStateDto(true, new DateOnly(2026, 5, 4), 1), after);
    }
}
