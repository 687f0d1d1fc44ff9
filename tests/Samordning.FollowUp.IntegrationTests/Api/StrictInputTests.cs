using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// A code is one defined name. Enum parsing treats every enum as flags, so "Primary, UpperSecondary"
/// was stored as PostSecondaryShort and "1" as the second code; every command that takes codes
/// refuses them, and a field sent twice, with a 400 naming the field and a Swedish reason. The same
/// rule for query strings: <see cref="StrictQueryTests"/>; for the web UI's forms: Ui/StrictFormTests.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class StrictInputTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ListRefused = "Ange ett enda kodvärde, inte flera åtskilda med kommatecken.";
    private const string NumberRefused = "Ange kodvärdets namn, inte ett tal.";
    private const string UnknownRefused = "Värdet är inte ett tillåtet kodvärde.";
    private const string DuplicateRefused = "Fältet förekommer mer än en gång. Ange varje fält bara en gång.";

    // An intervention that started early enough for a follow-up due now (exit 2025-11-20, due 2026-11-20).
    private static readonly DateOnly LongAgo = new(2025, 3, 3);
    private static readonly DateOnly ExitDate = new(2025, 11, 20);

    /// <summary>A code field (or an entry of a code list, "incomeSourcesAtStart[1]") and two of its defined names.</summary>
    private sealed record CodeField(string Field, string First, string Second);

    /// <summary>What a client might send instead of one name, and the reason the service gives.</summary>
    private static IEnumerable<(string What, JsonNode Value, string Reason)> BadValues(CodeField code) =>
    [
        ("two names with a comma", JsonValue.Create($"{code.First}, {code.Second}"), ListRefused),
        ("two names with a bare comma", JsonValue.Create($"{code.First},{code.Second}"), ListRefused),
        ("a number", JsonValue.Create(1), NumberRefused),
        ("a number as text", JsonValue.Create("1"), NumberRefused),
        ("an unknown name", JsonValue.Create("Foo"), UnknownRefused),
        ("a name with a space before it", JsonValue.Create(" " + code.First), UnknownRefused),
    ];

    /// <summary>
    /// Sends the valid body with each field in turn replaced by each bad value, then with the field
    /// twice; every request must be a 400 that names the field with the expected Swedish reason.
    /// </summary>
    private static async Task AssertCodesRefusedAsync(
        Func<string, Task<HttpResponseMessage>> send, Func<JsonObject> validBody, params CodeField[] codes)
    {
        foreach (var code in codes)
        {
            foreach (var (what, value, reason) in BadValues(code))
            {
                var body = validBody();
                Set(body, code, value.DeepClone());

                var problem = await (await send(body.ToJsonString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code.Field);

                var reasons = problem.Errors![code.Field];
                Assert.True(reasons.Any(r => r.StartsWith(reason, StringComparison.Ordinal)),
                    $"{code.Field} as {what}: expected '{reason}' but got [{string.Join(" | ", reasons)}]");
            }

            if (!code.Field.Contains('[', StringComparison.Ordinal))
            {
                // Both are valid names: only the repetition is wrong. The last one used to win unseen.
                var json = validBody().ToJsonString();
                var twice = $"{{\"{code.Field}\":\"{code.Second}\",{json[1..]}";

                var problem = await (await send(twice)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code.Field);

                Assert.Equal([DuplicateRefused], problem.Errors![code.Field]);
            }
        }
    }

    private static void Set(JsonObject body, CodeField code, JsonNode value)
    {
        var bracket = code.Field.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            body[code.Field] = value;
            return;
        }

        // "incomeSourcesAtStart[1]": a valid first entry, then the bad one.
        body[code.Field[..bracket]] = new JsonArray(JsonValue.Create(code.First), value);
    }

    private static readonly CodeField[] StartSituationCodes =
    [
        new("referredBy", "SocialInsuranceAgency", "Municipality"),
        new("educationLevel", "Primary", "UpperSecondary"),
        new("timeInPublicSupport", "UpTo6Months", "SixTo12Months"),
        new("occupationAtStart", "Employed", "Studies"),
        new("incomeSourcesAtStart[1]", "Salary", "SicknessBenefit"),
    ];

    private static readonly CodeField[] ExitCodes =
    [
        new("exitReason", "PlannedCompletion", "Other"),
        new("occupation", "Employed", "Studies"),
        new("incomeSources[1]", "Salary", "SicknessBenefit"),
    ];

    private static readonly CodeField[] FollowUpCodes =
    [
        new("outcome", "Reached", "Unreachable"),
        new("occupation", "Employed", "Studies"),
        new("incomeSources[1]", "Salary", "SicknessBenefit"),
    ];

    private static readonly CodeField[] DefinitionCodes =
    [
        new("measurementPoint", "AtExit", "TwelveMonthsAfterExit"),
        new("orientation", "IndividualFocused", "Structural"),
        new("categories[1]", "Mapping", "Preparatory"),
        new("registrationModes[1]", "Identified", "AnonymousIndividual"),
        new("excludedExitReasons[1]", "RegisteredInError", "Deceased"),
        new("successRule", "OccupationIn", "NoPublicSupport"),
        new("successOccupations[1]", "Employed", "Studies"),
    ];

    private static JsonObject Definition() => new()
    {
        ["code"] = "I9",
        ["name"] = "Egen försörjning vid avslut",
        ["measurementPoint"] = "AtExit",
        ["orientation"] = "IndividualFocused",
        ["categories"] = new JsonArray(),
        ["registrationModes"] = new JsonArray("Identified", "AnonymousIndividual"),
        ["excludedExitReasons"] = new JsonArray("RegisteredInError", "Deceased"),
        ["successRule"] = "OccupationIn",
        ["successOccupations"] = new JsonArray("Employed", "Studies"),
        ["targetPercent"] = 40,
        ["validFrom"] = "2026-01-01",
    };

    private static JsonObject WithoutCode(JsonObject body)
    {
        body.Remove("code");
        return body;
    }

    [Fact]
    public async Task Register_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndRegistersNothing()
    {
        var identified = await Data.InterventionAsync(Mode.Identified);
        var anonymous = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, Mode.AnonymousIndividual);

        await AssertCodesRefusedAsync(json => Coach.PostRawAsync($"/api/v1/interventions/{identified.Id}/participations", json),
            () => TestData.Identified(TestPersonnummer.Woman()), StartSituationCodes);
        // "Woman, Man" is Woman | Man, which is Man.
        await AssertCodesRefusedAsync(json => Coach.PostRawAsync($"/api/v1/interventions/{anonymous.Id}/participations", json),
            () => TestData.Anonymous(), new CodeField("gender", "Woman", "Man"));

        Assert.Equal(0, (await Data.ParticipationsAsync(identified.Id)).TotalCount);
        Assert.Equal(0, (await Data.ParticipationsAsync(anonymous.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_TwoPersonnummerInOneBody_Returns400NamingTheFieldAndRegistersNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman()).ToJsonString();
        var twice = $"{{\"personalIdentityNumber\":\"{TestPersonnummer.Man()}\",{body[1..]}";

        var response = await Coach.PostRawAsync($"/api/v1/interventions/{intervention.Id}/participations", twice);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        Assert.Equal([DuplicateRefused], problem.Errors!["personalIdentityNumber"]);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(TestPersonnummer.Woman()[^4..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPersonnummer.Man()[^4..], text, StringComparison.Ordinal);
        Assert.Equal(0, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_FieldTwiceInANestedObject_Returns400NamingThePath()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman()).ToJsonString()
            .Replace("\"consent\":{", "\"consent\":{\"date\":\"2026-01-05\",", StringComparison.Ordinal);

        var response = await Coach.PostRawAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "consent.date");
        Assert.Equal([DuplicateRefused], problem.Errors!["consent.date"]);
    }

    [Fact]
    public async Task Correct_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));

        await AssertCodesRefusedAsync(json => Coach.PutRawAsync($"/api/v1/participations/{participation.Id}", json),
            () => TestData.Identified(TestPersonnummer.Woman()), StartSituationCodes);

        var after = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(
            (participation.ReferredBy, participation.EducationLevel, participation.TimeInPublicSupport, participation.OccupationAtStart),
            (after.ReferredBy, after.EducationLevel, after.TimeInPublicSupport, after.OccupationAtStart));
        Assert.Equal(participation.IncomeSourcesAtStart, after.IncomeSourcesAtStart);
    }

    [Fact]
    public async Task ExitAndExitCorrection_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));
        var end = new DateOnly(2026, 6, 15);

        await AssertCodesRefusedAsync(json => Coach.PostRawAsync($"/api/v1/participations/{participation.Id}/exit", json),
            () => TestData.Exit(end), ExitCodes);
        var notEnded = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Null(notEnded.Exit);

        var ended = await Data.ExitAsync(participation.Id, TestData.Exit(end, "Discontinued", "JobSeeking"));
        await AssertCodesRefusedAsync(json => Coach.PutRawAsync($"/api/v1/participations/{participation.Id}/exit", json),
            () => TestData.Exit(end), ExitCodes);

        var after = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(("Discontinued", "JobSeeking"), (after.Exit!.ExitReason, after.Exit.Occupation));
        Assert.Equal(ended.Exit!.IncomeSources, after.Exit.IncomeSources);
    }

    [Fact]
    public async Task FollowUpResultAndItsCorrection_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(), LongAgo, ExitDate);
        var followUp = (await Data.FollowUpOfAsync(participation.Id))!;
        var contacted = new DateOnly(2026, 11, 20);

        await AssertCodesRefusedAsync(json => Coach.PostRawAsync($"/api/v1/follow-ups/{followUp.Id}/result", json),
            () => TestData.FollowUpResult("Reached", contacted, "Employed"), FollowUpCodes);
        Assert.Null((await Data.FollowUpOfAsync(participation.Id))!.Result);

        await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Declined", contacted));
        await AssertCodesRefusedAsync(json => Coach.PutRawAsync($"/api/v1/follow-ups/{followUp.Id}/result", json),
            () => TestData.FollowUpResult("Reached", contacted, "Employed"), FollowUpCodes);

        var result = (await Data.FollowUpOfAsync(participation.Id))!.Result!;
        Assert.Equal(("Declined", null), (result.Outcome, result.Occupation));
    }

    [Fact]
    public async Task CreateIntervention_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndCreatesNothing()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);

        await AssertCodesRefusedAsync(json => Office.PostRawAsync($"/api/v1/associations/{association.Id}/interventions", json),
            () => TestData.Intervention(provider.Id, Mode.Identified, TestDates.InterventionStart, null),
            new CodeField("orientation", "IndividualFocused", "Structural"),
            new CodeField("category", "Mapping", "Preparatory"),
            new CodeField("registrationMode", "Identified", "AnonymousIndividual"));

        var interventions = await (await Office.GetAsync($"/api/v1/associations/{association.Id}/interventions"))
            .ShouldBeAsync<List<InterventionDto>>(HttpStatusCode.OK);
        Assert.Empty(interventions);
    }

    [Fact]
    public async Task IndicatorDefinitions_CreateReviseAndPreview_CodeAsListNumberOrUnknownName_OrSentTwice_Returns400AndSaveNothing()
    {
        var association = await Data.AssociationAsync();
        var definitions = $"/api/v1/associations/{association.Id}/indicator-definitions";
        var before = await (await Office.GetAsync(definitions)).ShouldBeAsync<List<IndicatorDefinitionDto>>(HttpStatusCode.OK);

        await AssertCodesRefusedAsync(json => Office.PostRawAsync(definitions, json), Definition, DefinitionCodes);
        await AssertCodesRefusedAsync(json => Office.PutRawAsync($"{definitions}/I1", json), () => WithoutCode(Definition()), DefinitionCodes);
        await AssertCodesRefusedAsync(json => Office.PostRawAsync($"{definitions}/I1/preview", json), () => WithoutCode(Definition()), DefinitionCodes);

        var after = await (await Office.GetAsync(definitions)).ShouldBeAsync<List<IndicatorDefinitionDto>>(HttpStatusCode.OK);
        Assert.Equal(before.Select(d => (d.Code, d.Version)), after.Select(d => (d.Code, d.Version)));
    }

    [Fact]
    public async Task Users_CreateAndUpdate_RoleAsListNumberOrUnknownName_OrSentTwice_Returns400AndChangesNothing()
    {
        var association = await Data.AssociationAsync();
        var email = await Factory.CreateUserAsync(Samordning.FollowUp.Domain.UserRole.BoardMember, association.Id, null);
        var userId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        // "SystemAdmin, Coach" is 0 | 2, which is Coach; "AssociationAdmin, Coach" is 1 | 2, BoardMember.
        var role = new CodeField("role", "AssociationAdmin", "Coach");

        await AssertCodesRefusedAsync(json => Admin.PostRawAsync("/api/v1/users", json), () => new JsonObject
        {
            ["email"] = "ny@test.example",
            ["displayName"] = "Ny användare",
            ["role"] = "BoardMember",
            ["associationId"] = association.Id,
            ["password"] = ApiFactory.Password,
        }, role);
        await AssertCodesRefusedAsync(json => Admin.PutRawAsync($"/api/v1/users/{userId}", json), () => new JsonObject
        {
            ["displayName"] = "Ändrat namn",
            ["role"] = "BoardMember",
            ["associationId"] = association.Id,
            ["isLocked"] = false,
        }, role);

        var users = await Factory.WithDbAsync(db => db.Users.Select(u => new { u.Email, u.Role, u.DisplayName }).ToListAsync(Ct));
        Assert.DoesNotContain(users, u => u.Email == "ny@test.example");
        var unchanged = Assert.Single(users, u => u.Email == email);
        Assert.Equal((Samordning.FollowUp.Domain.UserRole.BoardMember, "Test BoardMember"), (unchanged.Role, unchanged.DisplayName));
    }
}
