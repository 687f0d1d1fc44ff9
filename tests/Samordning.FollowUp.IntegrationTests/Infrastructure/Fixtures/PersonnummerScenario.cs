using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.Features.Privacy;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

/// <summary>What the scenario registered: the association, its interventions and every number that was typed.</summary>
public sealed record PersonnummerScenarioResult(long AssociationId, IReadOnlyList<long> InterventionIds, IReadOnlyList<string> Numbers);

/// <summary>One GET of the office or the board, with what came back.</summary>
public sealed record ReadBack(string Who, string Path, string ContentType, string Body);

/// <summary>
/// Everything the service does with personnummer, through the API of one host: identified
/// registrations in every accepted form (one with an Idempotency-Key and its replay), a
/// correction to another number, the same person at a second provider, refused registrations,
/// an exit with its follow-up, reminders and drafts, identity reads, searches, a register extract,
/// a consent withdrawal, an erasure on request, the retention job, and failed sign-ins typed with
/// personnummer. The clock stands at 2026-11-23.
/// </summary>
public static class PersonnummerScenario
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PersonnummerScenarioResult> RunAsync(HostUsers host)
    {
        var w0 = TestPersonnummer.Woman(10);
        var m0 = TestPersonnummer.Man(10);
        var w1 = TestPersonnummer.Woman(11);
        var m1 = TestPersonnummer.Man(11);
        var m2 = TestPersonnummer.Man(12);
        var w2 = TestPersonnummer.Woman(12);
        var nobody = TestPersonnummer.Man(13);
        var alsoNobody = TestPersonnummer.Woman(13);
        // Typed but not valid: must not be kept or echoed either.
        var mistyped = TestPersonnummer.WithWrongCheckDigit(TestPersonnummer.Woman(14));
        string[] numbers = [w0, m0, w1, m1, m2, w2, nobody, alsoNobody, mistyped];

        var association = await (await host.Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = "Förbundet Läckagetest" }))
            .ShouldBeAsync<AssociationDto>(HttpStatusCode.Created);
        var office = host.OfficeOf(association.Id);
        var p1 = await ProviderAsync(office, association.Id, "Utföraren Ett");
        var p2 = await ProviderAsync(office, association.Id, "Utföraren Två");
        var start = new DateOnly(2025, 1, 1);
        var i1 = await InterventionAsync(office, association.Id, TestData.Intervention(p1.Id, Mode.Identified, start, null));
        var i2 = await InterventionAsync(office, association.Id, TestData.Intervention(p2.Id, Mode.Identified, start, null));
        var coach1 = host.CoachOf(association.Id, p1.Id);
        var coach2 = host.CoachOf(association.Id, p2.Id);
        var intake = new DateOnly(2025, 2, 3);

        // Registrations in every accepted form; a retried request with the same Idempotency-Key.
        var a = await RegisterAsync(coach1, i1.Id, TestData.Identified(w0, intake), "scenario-1");
        Assert.Equal(a.Id, (await RegisterAsync(coach1, i1.Id, TestData.Identified(w0, intake), "scenario-1")).Id);
        var b = await RegisterAsync(coach1, i1.Id, TestData.Identified(TestPersonnummer.WithDash(m0), intake));
        var c = await RegisterAsync(coach1, i1.Id, TestData.Identified(PersonnummerForms.TenDigits(w1), intake));
        var d = await RegisterAsync(coach1, i1.Id, TestData.Identified(PersonnummerForms.TenDigitsWithDash(m1), intake));
        var e = await RegisterAsync(coach1, i1.Id, TestData.Identified(w2, intake));
        await RegisterAsync(coach2, i2.Id, TestData.Identified(TestPersonnummer.WithDash(w0), intake));

        // A correction to another number, and refused registrations.
        await (await coach1.PutAsync($"/api/v1/participations/{d.Id}", TestData.Identified(m2, intake))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.PostAsync($"/api/v1/interventions/{i1.Id}/participations", TestData.Identified(mistyped, intake)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        await (await coach1.PostAsync($"/api/v1/interventions/{i1.Id}/participations", TestData.Identified(TestPersonnummer.WithDash(m2), intake)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var asNumber = TestData.Identified("PLACEHOLDER", intake).ToJsonString().Replace("\"PLACEHOLDER\"", m1, StringComparison.Ordinal);
        await (await coach1.PostRawAsync($"/api/v1/interventions/{i1.Id}/participations", asNumber))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");

        // Exits: one followed up (due 2026-11-10, overdue now), one without follow-up long ago (retention).
        await (await coach1.PostAsync($"/api/v1/participations/{a.Id}/exit", TestData.Exit(new DateOnly(2025, 11, 10))))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.PostAsync($"/api/v1/participations/{e.Id}/exit", TestData.Exit(new DateOnly(2025, 3, 3), "Deceased", occupation: null)))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await host.SendAsync(new RunFollowUpSchedulerCommand());
        await host.SendAsync(new SendFollowUpRemindersCommand());
        await host.SendAsync(new PrepareTertialDraftsCommand());
        var followUps = await (await coach1.GetAsync("/api/v1/follow-ups")).ShouldBeAsync<PageDto<FollowUpDto>>(HttpStatusCode.OK);
        var followUp = Assert.Single(followUps.Items);
        await (await coach1.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result", TestData.FollowUpResult("Reached", new DateOnly(2026, 11, 16), "Employed")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Reads in clear, searches, the register extract.
        foreach (var participation in new[] { a, b, c, d })
        {
            await coach1.IdentityAsync(participation.Id);
        }

        foreach (var form in PersonnummerForms.All(w0).Append($" {w0} "))
        {
            await (await coach1.SearchAsync(form)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await (await coach1.SearchAsync(nobody)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach2.SearchAsync(PersonnummerForms.TenDigitsWithDash(m0))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.SearchAsync(mistyped)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        await (await coach1.ExportAsync(PersonnummerForms.TenDigits(w0))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.ExportAsync(alsoNobody)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Consent withdrawn, erasure on request, the retention job, the indicators.
        await (await coach1.WithdrawConsentAsync(b.Id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.EraseAsync(PersonnummerForms.TenDigitsWithDash(w1))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await coach1.EraseAsync(TestPersonnummer.WithDash(w1))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // The followed-up person's identity (follow-up completed) and the deceased person's (exit 2025-03-03, over 15 months ago).
        Assert.Equal(2, (await host.SendAsync(new EraseExpiredIdentitiesCommand())).Erased);
        await host.SendAsync(new ComputeIndicatorsCommand());

        // Failed sign-ins typed with personnummer, as user name and as password.
        using var anonymous = host.CreateClient();
        foreach (var typed in PersonnummerForms.All(nobody).Concat(PersonnummerForms.All(w0)))
        {
            await (await anonymous.SignInAsync(typed, w0)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await anonymous.SignInAsync($"{m0}@test.example", m0)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        return new PersonnummerScenarioResult(association.Id, [i1.Id, i2.Id], numbers);
    }

    /// <summary>Every GET the office and the board may use, as each of them; each must answer 200.</summary>
    public static async Task<IReadOnlyList<ReadBack>> OfficeAndBoardReadAsync(HostUsers host, PersonnummerScenarioResult scenario)
    {
        var id = scenario.AssociationId;
        var association = $"/api/v1/associations/{id}";
        List<string> both =
        [
            association,
            $"{association}/providers",
            $"{association}/interventions",
            .. scenario.InterventionIds.Select(i => $"/api/v1/interventions/{i}"),
            $"{association}/indicator-definitions",
            $"{association}/indicators?year=2025&mode=Year",
            $"{association}/indicators?year=2026&tertial=3&mode=YearToDate",
            $"{association}/indicators?year=2026&tertial=3&mode=Period&interventionId={scenario.InterventionIds[0]}",
            $"{association}/reports/tertial/2026/3?view=current",
            $"{association}/reports/tertial/2026/3?view=current&mode=YearToDate",
            $"{association}/reports/tertial/2025/3?view=current&mode=YearToDate",
            $"{association}/reports/tertial/2026/2?view=current",
            $"{association}/reports/tertial/2026/3/report.csv?view=current",
        ];
        List<string> officeOnly =
        [
            "/api/v1/notifications",
            $"/api/v1/notifications?associationId={id}",
            $"{association}/exports/uppfoljning-finsam/2025",
            $"{association}/exports/uppfoljning-finsam/2026",
            "/api/v1/audit?pageSize=200",
            "/api/v1/users",
        ];

        var reads = new List<ReadBack>();
        foreach (var (who, client, paths) in new[] { ("office", host.OfficeOf(id), both.Concat(officeOnly)), ("board", host.BoardOf(id), both) })
        {
            foreach (var path in paths)
            {
                var response = await client.GetAsync(path);
                await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
                reads.Add(new ReadBack(who, path, response.Content.Headers.ContentType?.MediaType ?? string.Empty,
                    await response.Content.ReadAsStringAsync(Ct)));
            }
        }

        return reads;
    }

    private static async Task<ProviderDto> ProviderAsync(ApiClient office, long associationId, string name) =>
        await (await office.PostAsync($"/api/v1/associations/{associationId}/providers", new JsonObject { ["name"] = name }))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.Created);

    private static async Task<InterventionDto> InterventionAsync(ApiClient office, long associationId, JsonObject body) =>
        await (await office.PostAsync($"/api/v1/associations/{associationId}/interventions", body))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);

    private static async Task<ParticipationDto> RegisterAsync(ApiClient coach, long interventionId, JsonObject body, string? idempotencyKey = null) =>
        await (await coach.PostAsync($"/api/v1/interventions/{interventionId}/participations", body, idempotencyKey))
            .ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
}
