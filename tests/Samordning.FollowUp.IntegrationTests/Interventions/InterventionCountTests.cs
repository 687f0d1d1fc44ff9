using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

/// <summary>
/// Count-only figures per tertial (today is 2026-11-23; the intervention runs 2026–2027): the
/// year is their sum, the same figures again change nothing, and other figures replace stored
/// ones only when the request names them — through the API and through the page's confirm step.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class InterventionCountTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Count(int women, int men, (int Women, int Men)? replaces = null)
    {
        var body = new JsonObject { ["women"] = women, ["men"] = men };
        if (replaces is { } r)
        {
            body["replaces"] = new JsonObject { ["women"] = r.Women, ["men"] = r.Men };
        }

        return body;
    }

    [Fact]
    public async Task SetCount_TwoTertials_TheYearIsTheirSum()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/1", Count(12, 7))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(3, 4));

        var saved = await response.ShouldBeAsync<SetCountDto>(HttpStatusCode.OK);
        Assert.Equal(new SetCountDto(new CountDto(2026, 2, 3, 4, 7), null, new CountPairDto(15, 11), 26), saved);
        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal([new CountDto(2026, 1, 12, 7, 19), new CountDto(2026, 2, 3, 4, 7)], read.Counts);
    }

    [Fact]
    public async Task SetCount_SameFiguresAgain_IsIdempotent()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/3", Count(12, 7))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var again = await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/3", Count(12, 7)))
            .ShouldBeAsync<SetCountDto>(HttpStatusCode.OK);

        Assert.Null(again.Replaced);
        Assert.Equal(new CountPairDto(12, 7), again.Year);
    }

    [Fact]
    public async Task SetCount_OtherFiguresWithoutNamingTheStored_Returns409AndKeepsThem()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(248, 92))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var silent = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(12, 9));
        var wrong = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(12, 9, (200, 92)));

        await silent.ShouldBeProblemAsync(HttpStatusCode.Conflict, "replaces");
        await wrong.ShouldBeProblemAsync(HttpStatusCode.Conflict, "replaces");
        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new CountDto(2026, 2, 248, 92, 340), Assert.Single(read.Counts));
    }

    [Fact]
    public async Task SetCount_NamingTheStoredFigures_ReplacesThemAndSaysWhat()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(248, 92))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var saved = await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/2", Count(250, 92, (248, 92))))
            .ShouldBeAsync<SetCountDto>(HttpStatusCode.OK);

        Assert.Equal(new CountPairDto(248, 92), saved.Replaced);
        Assert.Equal(new CountDto(2026, 2, 250, 92, 342), saved.Saved);
    }

    [Theory]
    [InlineData(Mode.Identified)]
    [InlineData(Mode.AnonymousIndividual)]
    public async Task SetCount_InterventionWithIndividualRegistration_Returns400RegistrationMode(Mode mode)
    {
        var intervention = await Data.InterventionAsync(mode);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/1", Count(12, 7));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "registrationMode");
    }

    [Theory]
    [InlineData(-1, 0, "women")]
    [InlineData(0, -1, "men")]
    public async Task SetCount_Negative_Returns400NamingTheField(int women, int men, string field)
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026/1", Count(women, men));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData(2027, 1)] // not begun on 2026-11-23
    [InlineData(2025, 3)] // before the intervention
    [InlineData(2026, 4)] // no such tertial
    [InlineData(2026, 0)]
    public async Task SetCount_TertialOutsideTheIntervention_Returns400Tertial(int year, int tertial)
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/{year}/{tertial}", Count(1, 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
    }

    /// <summary>
    /// The whole path as a coach takes it: T1 and T2 entered on the page, T2 corrected — the page
    /// first shows the stored and the new figure and saves nothing — and then the report (period
    /// and year to date) and the Uppföljning Finsam export agree with the sum of the tertials.
    /// </summary>
    [Fact]
    public async Task CountPage_EnterCorrectWithConfirm_ReportAndExportAgree()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        var page = $"/insatser/{intervention.Id}/antal";
        var token = await UiSession.FormTokenAsync(browser, page);
        (string, string)[] Form(int tertial, int women, int men, params (string, string)[] more) =>
            [("Count.Year", "2026"), ("Count.Tertial", tertial.ToString(CultureInfo.InvariantCulture)),
                ("Count.Women", women.ToString(CultureInfo.InvariantCulture)), ("Count.Men", men.ToString(CultureInfo.InvariantCulture)), .. more];

        Assert.Equal(HttpStatusCode.Redirect, (await UiSession.PostFormAsync(browser, page, token, Form(1, 236, 83))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UiSession.PostFormAsync(browser, page, token, Form(2, 12, 9))).StatusCode);
        var shown = await (await browser.GetAsync($"{page}?ar=2026&tertial=2", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Sparat för T2 (maj–augusti) 2026: 12 kvinnor och 9 män.", shown, StringComparison.Ordinal);

        // A correction of T2: the page asks first, with both figures and the year it gives.
        var asked = await UiSession.PostFormAsync(browser, page, token, Form(2, 14, 9));
        await asked.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var question = await asked.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Vill du ändra antalet för T2 2026?", question, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Sparat nu</th><td class=\"num\">12</td><td class=\"num\">9</td><td class=\"num\">21</td>", question, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Nytt</th><td class=\"num\">14</td><td class=\"num\">9</td><td class=\"num\">23</td>", question, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">250</td><td class=\"num\">92</td><td class=\"num\">342</td>", question, StringComparison.Ordinal);
        var unchanged = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new CountDto(2026, 2, 12, 9, 21), unchanged.Counts.Single(c => c.Tertial == 2));

        var confirmed = await UiSession.PostFormAsync(browser, page, token, Form(2, 14, 9, ("ReplacesWomen", "12"), ("ReplacesMen", "9")));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await (await browser.GetAsync(confirmed.Headers.Location!.ToString(), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Antalet är ändrat för T2 2026: 14 kvinnor och 9 män (förut 12 kvinnor och 9 män). Året 2026 har nu 250 kvinnor och 92 män, totalt 342.", after, StringComparison.Ordinal);

        // The report: the year so far in both modes (T1 alone up to April, T1 + T2 from August on).
        var association = Data.HomeAssociationId;
        (await Office.ReportAsync(association, 2026, 1))["report"]!.AsObject().Figures(intervention.Id)["countOnly"].AssertCount(236, 83, "T1 period");
        (await Office.ReportAsync(association, 2026, 2))["report"]!.AsObject().Figures(intervention.Id)["countOnly"].AssertCount(250, 92, "T2 period");
        (await Office.ReportAsync(association, 2026, 3, "YearToDate"))["report"]!.AsObject().Figures(intervention.Id)["countOnly"].AssertCount(250, 92, "year");

        // Uppföljning Finsam: the same 250 women and 92 men.
        var export = await (await Office.GetAsync($"/api/v1/associations/{association}/exports/uppfoljning-finsam/2026")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var row = lines.Select(l => l.Split(';')).Single(c => c[0] == intervention.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("250", row[Array.IndexOf(header, "Kvinnor")]);
        Assert.Equal("92", row[Array.IndexOf(header, "Män")]);
    }
}
