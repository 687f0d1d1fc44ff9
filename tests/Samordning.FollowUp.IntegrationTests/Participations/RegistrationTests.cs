using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>Registration (inskrivning) of identified participants, with personnummer and consent.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class RegistrationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_Identified_Returns201WithMaskedNumberAndGenderFromTheNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man();

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(pnr));

        var created = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/participations/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(TestPersonnummer.Masked(pnr), created.PersonalIdentityNumber);
        Assert.Equal("Man", created.Gender);
        Assert.Equal(int.Parse(pnr[..4], System.Globalization.CultureInfo.InvariantCulture), created.BirthYear);
        Assert.Equal("Active", created.Status);
        Assert.Null(created.Exit);
        Assert.Equal(new ConsentDto(Start, "2026-01", "Handläggare Åsa Öberg"), created.Consent);
        Assert.Equal(["SicknessBenefit", "FinancialAssistance"], created.IncomeSourcesAtStart);
    }

    [Fact]
    public async Task Register_Identified_ResponseNeverContainsTheFullNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(pnr));

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(pnr[2..], body, StringComparison.Ordinal);
        Assert.DoesNotContain(pnr[8..], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_Identified_WithGender_OverridesTheGenderFromTheNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["gender"] = "Man";

        var created = await Data.ParticipationAsync(intervention.Id, body);

        Assert.Equal("Man", created.Gender);
    }

    [Fact]
    public async Task Register_Identified_WithBirthYear_Returns400BirthYear()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["birthYear"] = 1985;

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "birthYear");
    }

    [Fact]
    public async Task Register_Identified_WithoutPersonnummer_Returns400PersonalIdentityNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body.Remove("personalIdentityNumber");

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Register_WrongCheckDigit_Returns400WithoutEchoingTheNumber(bool withDash)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var wrong = TestPersonnummer.WithWrongCheckDigit(TestPersonnummer.Woman());
        var submitted = withDash ? TestPersonnummer.WithDash(wrong) : wrong;

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(submitted));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(submitted, body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong[2..], body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong[8..], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithoutConsent_Returns400Consent()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body.Remove("consent");

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "consent");
    }

    [Fact]
    public async Task Register_ConsentDatedInTheFuture_Returns400ConsentDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["consent"]!["date"] = TestData.Date(Tomorrow);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "consent.date");
    }

    [Fact]
    public async Task Register_CountOnlyIntervention_Returns400RegistrationMode()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(TestPersonnummer.Woman()));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "registrationMode");
    }

    [Fact]
    public async Task Register_StartDateTomorrow_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.Woman(), start: Tomorrow));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Register_StartDateToday_Returns201()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(), start: Today));

        Assert.Equal(Today, created.StartDate);
    }

    [Fact]
    public async Task Register_StartBeforeTheInterventionStarts_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2026, 3, 1));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.Woman(), start: new DateOnly(2026, 2, 28)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Register_StartAfterTheInterventionEnded_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, end: new DateOnly(2026, 6, 30));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.Woman(), start: new DateOnly(2026, 7, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Register_UnknownIntervention_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.PostAsync("/api/v1/interventions/987654321/participations", TestData.Identified(TestPersonnummer.Woman()));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
