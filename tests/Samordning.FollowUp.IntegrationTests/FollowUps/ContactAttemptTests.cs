using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.FollowUps;

/// <summary>
/// Who to call and the tries to reach them: the follow-up list carries the masked number and the
/// birth year; tries are stored per follow-up and listed; "Ej anträffbar" needs at least
/// FollowUps:MinContactAttempts (2) of them; the report's data quality counts them.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "FollowUps")]
public sealed class ContactAttemptTests(ApiFactory factory) : ApiTest(factory)
{
    // Left 2026-06-15: due 2027-06-15, window 2027-05-15 – 2027-09-15. The clock moves to 2027-06-01.
    private async Task<(ParticipationDto Participation, FollowUpDto FollowUp)> DueAsync()
    {
        var intervention = await Data.InterventionAsync();
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(3), new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 15));
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));
        return (participation, (await Data.FollowUpOfAsync(participation.Id))!);
    }

    private static JsonObject Attempt(string date, string outcome) => new() { ["attemptedOn"] = date, ["outcome"] = outcome };

    [Fact]
    public async Task FollowUpList_ShowsTheMaskedNumberAndBirthYear_NeverTheWholeNumber()
    {
        var (_, followUp) = await DueAsync();
        var pnr = TestPersonnummer.Woman(3);

        var response = await Coach.GetAsync("/api/v1/follow-ups");

        Assert.Equal(TestPersonnummer.Masked(pnr), followUp.PersonalIdentityNumber);
        Assert.Equal(int.Parse(pnr[..4], System.Globalization.CultureInfo.InvariantCulture), followUp.BirthYear);
        Assert.Empty(PersonnummerForms.FoundIn(await response.BodyAsync(), [pnr]));
    }

    [Fact]
    public async Task RecordAttempts_AreStoredAndListedOldestFirst_ARetryAddsNothing()
    {
        var (_, followUp) = await DueAsync();

        await (await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts", Attempt("2027-05-28", "WrongNumber"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts", Attempt("2027-05-20", "NoAnswer"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var retried = await (await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts", Attempt("2027-05-20", "NoAnswer")))
            .ShouldBeAsync<ContactAttemptsDto>(HttpStatusCode.OK);

        var listed = await (await Coach.GetAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts")).ShouldBeAsync<ContactAttemptsDto>(HttpStatusCode.OK);
        Assert.Equal([(new DateOnly(2027, 5, 20), "NoAnswer"), (new DateOnly(2027, 5, 28), "WrongNumber")],
            listed.Attempts.Select(a => (a.AttemptedOn, a.Outcome)));
        Assert.Equal(2, listed.MinimumBeforeUnreachable);
        Assert.Equal(listed.Attempts, retried.Attempts);
        Assert.Equal(2, (await Data.FollowUpOfAsync(followUp.ParticipationId))!.ContactAttempts);
    }

    [Theory]
    [InlineData("2027-06-02", "NoAnswer", "attemptedOn")] // in the future
    [InlineData("2026-06-14", "NoAnswer", "attemptedOn")] // before the exit
    [InlineData("2027-05-20", "Busy", "outcome")]         // not an outcome
    public async Task RecordAttempt_Invalid_Returns400NamingTheField(string date, string outcome, string field)
    {
        var (_, followUp) = await DueAsync();

        var response = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts", Attempt(date, outcome));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task RecordAttempt_AnotherProvidersFollowUp_Returns404()
    {
        var (_, followUp) = await DueAsync();
        var other = await Data.ProviderAsync(Data.HomeAssociationId, "Annan utförare");

        var response = await Users.CoachOf(other.Id).PostAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts", Attempt("2027-05-20", "NoAnswer"));
        var read = await Users.CoachOf(other.Id).GetAsync($"/api/v1/follow-ups/{followUp.Id}/contact-attempts");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await read.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unreachable_BeforeTheMinimumOfAttempts_Returns400Outcome_ThenAcceptedAfterTheSecond()
    {
        var (_, followUp) = await DueAsync();
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 5, 20), "NoAnswer");

        var tooEarly = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result", TestData.FollowUpResult("Unreachable", new DateOnly(2027, 5, 30)));

        var problem = await tooEarly.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "outcome");
        Assert.Contains("Ej anträffbar kan registreras först efter minst 2 kontaktförsök. 1 är registrerade", string.Join(" ", problem.Errors!["outcome"]), StringComparison.Ordinal);
        Assert.Null((await Data.FollowUpOfAsync(followUp.ParticipationId))!.Result);

        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 5, 27), "MessageLeft");
        var recorded = await (await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result", TestData.FollowUpResult("Unreachable", new DateOnly(2027, 5, 30))))
            .ShouldBeAsync<FollowUpDto>(HttpStatusCode.OK);
        Assert.Equal(("Completed", "Unreachable", 2), (recorded.Status, recorded.Result!.Outcome, recorded.ContactAttempts));
    }

    [Fact]
    public async Task Reached_NeedsNoAttempts()
    {
        var (_, followUp) = await DueAsync();

        var recorded = await (await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result", TestData.FollowUpResult("Reached", new DateOnly(2027, 5, 30), "Employed")))
            .ShouldBeAsync<FollowUpDto>(HttpStatusCode.OK);

        Assert.Equal("Reached", recorded.Result!.Outcome);
    }

    [Fact]
    public async Task DataQuality_CountsThePeriodsAttempts()
    {
        var (_, followUp) = await DueAsync();
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 4, 28), "NoAnswer"); // T1 2027
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 5, 20), "NoAnswer"); // T2 2027
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 5, 28), "NewTimeBooked");

        var t2 = (await Office.ReportAsync(Data.HomeAssociationId, 2027, 2))["report"]!.AsObject();
        var t1 = (await Office.ReportAsync(Data.HomeAssociationId, 2027, 1))["report"]!.AsObject();

        int Attempts(JsonObject report) => report["dataQuality"]!.AsArray().Single(q => q!["providerId"]!.GetValue<long>() == Data.HomeProviderId)!["contactAttempts"]!.GetValue<int>();
        Assert.Equal((2, 1), (Attempts(t2), Attempts(t1)));
    }
}
