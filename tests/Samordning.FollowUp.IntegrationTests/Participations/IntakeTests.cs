using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>
/// The faster intake (issue 15, item 4) and its messages (item 5): the home municipality from
/// Sweden's list, contradicting income sources, what the form starts with (the association's
/// consent text version, the one municipality served, the coach's last "Anvisad av"), an empty
/// personnummer, and the error summary in the form's order.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed partial class IntakeTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record IntakeDefaultsDto(string? ConsentTextVersion, string? HomeMunicipality, string? ReferredBy);

    private sealed record AssociationSettingsDto(long Id, string? DefaultConsentTextVersion);

    [Fact]
    public async Task Register_MunicipalityWithoutRing_Returns400SuggestingTheRightName()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["homeMunicipality"] = "Boras";

        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "homeMunicipality");

        Assert.Equal(["Hemkommun ska vara en av Sveriges kommuner. Menade du ”Borås”?"], problem.Errors!["homeMunicipality"]);
        Assert.Equal(0, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_MunicipalityNotInTheList_Returns400AskingToChooseFromTheList()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body["homeMunicipality"] = "Sjuhärad";

        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "homeMunicipality");

        Assert.Equal(["Hemkommun ska vara en av Sveriges kommuner. Välj kommunen i listan."], problem.Errors!["homeMunicipality"]);
    }

    [Theory]
    [InlineData("Upplands Väsby")]
    [InlineData("Malung-Sälen")]
    [InlineData("  Borås ")]
    public async Task Register_MunicipalityFromTheList_IsStoredByItsName(string typed)
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body["homeMunicipality"] = typed;

        var created = await Data.ParticipationAsync(intervention.Id, body);

        Assert.Equal(typed.Trim(), created.HomeMunicipality);
    }

    [Fact]
    public async Task Register_SicknessBenefitAndNoPublicSupport_Returns400NamingBoth()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["incomeSourcesAtStart"] = new JsonArray("SicknessBenefit", "NoPublicSupport");

        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "incomeSourcesAtStart");

        Assert.Equal(["”Ingen offentlig försörjning” kan inte anges tillsammans med ”Sjukpenning”. Ta bort det som inte stämmer."],
            problem.Errors!["incomeSourcesAtStart"]);
        Assert.Equal(0, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_ActivityAndSicknessCompensation_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body["incomeSourcesAtStart"] = new JsonArray("ActivityCompensation", "SicknessCompensation", "Salary");

        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "incomeSourcesAtStart");

        Assert.StartsWith("”Aktivitetsersättning” och ”Sjukersättning” kan inte anges samtidigt", problem.Errors!["incomeSourcesAtStart"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_NoPublicSupportAndUnemploymentInsurance_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man()));
        var exit = TestData.Exit(TestDates.Start.AddDays(30));
        exit["incomeSources"] = new JsonArray("NoPublicSupport", "UnemploymentInsurance", "StudentFinance");

        var problem = await (await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", exit))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "incomeSources");

        Assert.Equal(["”Ingen offentlig försörjning” kan inte anges tillsammans med ”Arbetslöshetsersättning (a-kassa)” eller ”Studiemedel”. Ta bort det som inte stämmer."],
            problem.Errors!["incomeSources"]);
    }

    [Fact]
    public async Task Register_SalaryAndNoPublicSupport_IsAccepted()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body["incomeSourcesAtStart"] = new JsonArray("Salary", "NoPublicSupport");

        var created = await Data.ParticipationAsync(intervention.Id, body);

        Assert.Equal(["Salary", "NoPublicSupport"], created.IncomeSourcesAtStart);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Register_EmptyPersonnummer_SaysItMustBeGiven(string? personnummer)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        if (personnummer is null)
        {
            body.Remove("personalIdentityNumber");
        }
        else
        {
            body["personalIdentityNumber"] = personnummer;
        }

        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");

        Assert.Equal(["Personnummer måste anges."], problem.Errors!["personalIdentityNumber"]);
    }

    [Fact]
    public async Task IntakeSettings_OfficeSetsTheConsentVersion_TheCoachsFormStartsWithIt()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var before = await DefaultsAsync(Coach, intervention.Id);
        var saved = await (await Office.PutAsync($"/api/v1/associations/{Data.HomeAssociationId}/intake-settings",
            new JsonObject { ["defaultConsentTextVersion"] = "  Samtycke 2026:2 " })).ShouldBeAsync<AssociationSettingsDto>(HttpStatusCode.OK);
        var after = await DefaultsAsync(Coach, intervention.Id);
        var read = await (await Office.GetAsync($"/api/v1/associations/{Data.HomeAssociationId}")).ShouldBeAsync<AssociationSettingsDto>(HttpStatusCode.OK);

        Assert.Null(before.ConsentTextVersion);
        Assert.Equal("Samtycke 2026:2", saved.DefaultConsentTextVersion);
        Assert.Equal("Samtycke 2026:2", after.ConsentTextVersion);
        Assert.Equal("Samtycke 2026:2", read.DefaultConsentTextVersion);
    }

    [Fact]
    public async Task IntakeSettings_EmptyVersion_ClearsIt_AndTooLongIsRefused()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var path = $"/api/v1/associations/{Data.HomeAssociationId}/intake-settings";
        await (await Office.PutAsync(path, new JsonObject { ["defaultConsentTextVersion"] = "V1" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var problem = await (await Office.PutAsync(path, new JsonObject { ["defaultConsentTextVersion"] = new string('x', 101) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "defaultConsentTextVersion");
        var kept = await DefaultsAsync(Coach, intervention.Id);
        await (await Office.PutAsync(path, new JsonObject { ["defaultConsentTextVersion"] = " " })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var cleared = await DefaultsAsync(Coach, intervention.Id);

        Assert.Equal(["Samtyckestextens version får vara högst 100 tecken."], problem.Errors!["defaultConsentTextVersion"]);
        Assert.Equal("V1", kept.ConsentTextVersion);
        Assert.Null(cleared.ConsentTextVersion);
    }

    [Fact]
    public async Task IntakeDefaults_ReferredBy_IsTheCoachsOwnLastChoice()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var colleague = Users.ColleagueOf(Data.HomeProviderId);
        var first = TestData.Identified(TestPersonnummer.Woman());
        first["referredBy"] = "Municipality";
        var second = TestData.Identified(TestPersonnummer.Man());
        second["referredBy"] = "Region";

        await Data.ParticipationAsync(intervention.Id, first);
        var afterFirst = await DefaultsAsync(Coach, intervention.Id);
        await Data.ParticipationAsync(intervention.Id, second);
        var afterSecond = await DefaultsAsync(Coach, intervention.Id);
        var colleagues = await DefaultsAsync(colleague, intervention.Id);

        Assert.Equal("Municipality", afterFirst.ReferredBy);
        Assert.Equal("Region", afterSecond.ReferredBy);
        Assert.Null(colleagues.ReferredBy);
    }

    [Fact]
    public async Task IntakeDefaults_Municipality_IsSetOnlyWhenTheInterventionServesOne()
    {
        var two = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Intervention(Data.HomeProviderId, Mode.AnonymousIndividual, TestDates.InterventionStart, TestDates.InterventionEnd);
        body["municipalities"] = new JsonArray("Ulricehamn");
        var one = await (await Office.PostAsync($"/api/v1/associations/{Data.HomeAssociationId}/interventions", body))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);

        var ofTwo = await DefaultsAsync(Coach, two.Id);
        var ofOne = await DefaultsAsync(Coach, one.Id);

        Assert.Null(ofTwo.HomeMunicipality);
        Assert.Equal("Ulricehamn", ofOne.HomeMunicipality);
    }

    /// <summary>The intake page starts filled in, and after saving offers the next intake.</summary>
    [Fact]
    public async Task IntakePage_StartsWithTheDefaults_AndOffersSkrivInNasta()
    {
        var body = TestData.Intervention(0, Mode.Identified, TestDates.InterventionStart, TestDates.InterventionEnd);
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        body["providerId"] = provider.Id;
        body["municipalities"] = new JsonArray("Tranemo");
        var intervention = await (await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", body))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);
        await (await Office.PutAsync($"/api/v1/associations/{association.Id}/intake-settings",
            new JsonObject { ["defaultConsentTextVersion"] = "2026-03" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.Coach, association.Id, provider.Id);
        var page = $"/insatser/{intervention.Id}/inskrivning";
        var token = await UiSession.FormTokenAsync(browser, page);

        var saved = await UiSession.PostFormAsync(browser, page, token,
            ("Input.PersonalIdentityNumber", TestPersonnummer.Woman()), ("Input.Consent.Date", "2026-03-02"),
            ("Input.Consent.TextVersion", "2026-03"), ("Input.Consent.CollectedBy", "Åsa"), ("Input.StartDate", "2026-03-02"),
            ("Input.HomeMunicipality", "Tranemo"), ("Input.ReferredBy", "PublicEmploymentService"), ("Input.EducationLevel", "Primary"),
            ("Input.TimeInPublicSupport", "Unknown"), ("Input.OccupationAtStart", "JobSeeking"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var confirmation = await (await browser.GetAsync(saved.Headers.Location, Ct)).Content.ReadAsStringAsync(Ct);
        var next = await (await browser.GetAsync(new Uri(page, UriKind.Relative), Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains($"<a class=\"button\" href=\"{page}\">Skriv in nästa</a>", confirmation, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*name=\"Input.Consent.TextVersion\"[^>]*value=\"2026-03\"", next);
        Assert.Matches("<input[^>]*name=\"Input.HomeMunicipality\"[^>]*value=\"Tranemo\"", next);
        Assert.Matches("<option selected=\"selected\" value=\"PublicEmploymentService\">", next);
        Assert.Contains("<option value=\"Borås\" label=\"Borås (1490, Västra Götalands län)\">", next, StringComparison.Ordinal);
    }

    /// <summary>
    /// The summary lists the errors in the order of the fields, the form's labels in the messages:
    /// a number field the form could not read (found first, by the binding) is listed where its field is.
    /// </summary>
    [Fact]
    public async Task IntakePage_EmptyForm_ListsTheErrorsInTheFormsOrder()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        var page = $"/insatser/{intervention.Id}/inskrivning";
        var token = await UiSession.FormTokenAsync(browser, page);

        var response = await UiSession.PostFormAsync(browser, page, token,
            ("Input.PersonalIdentityNumber", ""), ("Input.Consent.Date", "2026-03-02"), ("Input.Consent.TextVersion", ""),
            ("Input.Consent.CollectedBy", "Åsa"), ("Input.StartDate", "2026-03-02"), ("Input.HomeMunicipality", "Boras"),
            ("Input.IncomeSourcesAtStart", "SicknessBenefit"), ("Input.IncomeSourcesAtStart", "NoPublicSupport"),
            ("Input.StepAtStart", "tre"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var start = html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal);
        var summary = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        var items = SummaryItem().Matches(summary).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        Assert.Equal(
        [
            "Personnummer måste anges.",
            "Samtyckestextens version måste anges.",
            "Hemkommun ska vara en av Sveriges kommuner. Menade du ”Borås”?",
            "Anvisad av måste anges.",
            "Utbildningsnivå måste anges. Välj ”Okänd” om den inte är känd.",
            "Tid i offentlig försörjning måste anges. Välj ”Okänd” om den inte är känd.",
            "Sysselsättning vid start måste anges. Välj ”Okänd” om den inte är känd.",
            "”Ingen offentlig försörjning” kan inte anges tillsammans med ”Sjukpenning”. Ta bort det som inte stämmer.",
            "Värdet är inte giltigt.",
        ], items);
        Assert.Equal("Input_StepAtStart", SummaryItem().Matches(summary)[^1].Groups[1].Value);
    }

    private static async Task<IntakeDefaultsDto> DefaultsAsync(ApiClient coach, long interventionId) =>
        await (await coach.GetAsync($"/api/v1/interventions/{interventionId}/intake-defaults")).ShouldBeAsync<IntakeDefaultsDto>(HttpStatusCode.OK);

    [GeneratedRegex("<li><a href=\"#([^\"]+)\">([^<]*)</a></li>")]
    private static partial Regex SummaryItem();
}
