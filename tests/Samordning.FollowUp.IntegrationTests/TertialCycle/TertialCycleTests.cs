using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.TertialCycle;

/// <summary>
/// The tertial cycle's state machine through the API: a coach attests its provider's report for an
/// ended tertial, the office accepts it or returns it with a remark; an adopted tertial is locked.
/// Today is 2026-11-23, so T2 2026 (May–August) has ended and T3 has not.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialCycleTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, long XId, long YId);

    /// <summary>
    /// Alfa (the home provider, <c>Coach</c>) runs X, Beta runs Y; both identified, 26 weeks.
    /// W0 woman in X from 2026-06-01, open: within 26 weeks on 31 August, so Alfa's checklist is empty.
    /// </summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        var y = await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.Identified, "Mapping", new DateOnly(2026, 1, 1));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new DateOnly(2026, 6, 1));
        return new Setup(association.Id, alfa.Id, beta.Id, x.Id, y.Id);
    }

    private static string Path(long providerId, int year = 2026, int tertial = 2, string action = "") =>
        $"/api/v1/providers/{providerId}/tertial-reports/{year}/{tertial}" + (action.Length == 0 ? "" : "/" + action);

    private static Task<HttpResponseMessage> AttestAsync(ApiClient client, long providerId, string? reason = null, int tertial = 2) =>
        client.PostAsync(Path(providerId, tertial: tertial, action: "attest"), reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason });

    private static Task<HttpResponseMessage> AcceptAsync(ApiClient client, long providerId) =>
        client.PostAsync(Path(providerId, action: "accept"), new JsonObject());

    private static Task<HttpResponseMessage> ReturnAsync(ApiClient client, long providerId, string? remark) =>
        client.PostAsync(Path(providerId, action: "return"), new JsonObject { ["remark"] = remark });

    private static async Task<JsonObject> ReadAsync(ApiClient client, long providerId) =>
        await (await (await client.GetAsync(Path(providerId))).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();

    private Task<List<AuditEntry>> AuditAsync() =>
        Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ProviderTertialReport").OrderBy(a => a.Id).ToListAsync(Ct));

    [Fact]
    public async Task Get_BeforeAnyStep_IsOpenWithEmptyHistory()
    {
        var s = await ArrangeAsync();

        var report = await ReadAsync(Coach, s.AlfaId);

        Assert.Equal(("Open", "Öppen", "Alfa utförare", false), (report["state"].Str(), report["stateLabel"].Str(), report["providerName"].Str(),
            report["tertialAdopted"]!.GetValue<bool>()));
        Assert.Empty(report["history"]!.AsArray());
        Assert.Equal(0, report["openChecklistItems"]!.GetValue<int>());
        Assert.Equal("Open", (await ReadAsync(Office, s.BetaId))["state"].Str());
    }

    [Fact]
    public async Task Attest_ByCoachOfTheProvider_IsAttestedWithHistoryAuditAndAttestedFigures()
    {
        var s = await ArrangeAsync();

        var response = await AttestAsync(Coach, s.AlfaId);

        var report = await (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.Equal("Attested", report["state"].Str());
        var step = Assert.Single(report["history"].Objects());
        Assert.Equal(("Open", "Attested", "Coach", "null"), (step["from"].Str(), step["to"].Str(), step["byRole"].Str(), step["remark"].Str()));
        Assert.Equal(TestDates.Now.UtcDateTime, step["atUtc"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.EndsWith("@test.example", step["byName"].Str(), StringComparison.Ordinal);
        // The figures attested: Alfa's one intervention X, W0 active and new in T2; Beta's Y is not Alfa's to attest.
        var row = Assert.Single(step["attestedFigures"]!["interventions"].Objects());
        Assert.Equal(s.XId, row["interventionId"]!.GetValue<long>());
        row["figures"]!["active"].AssertCount(1, 0, "attested active");
        Assert.Equal(s.AlfaId, step["attestedFigures"]!["checklist"]!["providerId"]!.GetValue<long>());

        var audit = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.TertialAttested, s.AlfaId, s.AssociationId, "2026 T2: Öppen → Intygad"),
            (audit.Action, audit.ProviderId, audit.AssociationId, audit.Detail));
        Assert.Equal("Attested", (await ReadAsync(Office, s.AlfaId))["state"].Str());
    }

    [Fact]
    public async Task Attest_Retried_ReturnsTheSameStateWithoutASecondTransition()
    {
        var s = await ArrangeAsync();
        var first = await (await AttestAsync(Coach, s.AlfaId)).ReadJsonAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await (await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();

        Assert.Equal("Attested", second["state"].Str());
        Assert.True(JsonNode.DeepEquals(first["history"], second["history"]), "a retried attest changed the history");
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task Attest_WithOpenChecklistItems_RequiresAReason()
    {
        var s = await ArrangeAsync();
        // An exit in T2 with the outcome Unknown: one exit without outcome on Alfa's checklist, as in the report's data quality.
        await Office.IdentifiedAsync(Data, s.XId, TestPersonnummer.Man(0), new DateOnly(2026, 5, 4), new DateOnly(2026, 7, 1), "PlannedCompletion", "Unknown", 4);
        var quality = (await Office.ReportAsync(s.AssociationId, 2026, 2))["report"]!["dataQuality"].Objects().Single(r => r["providerId"]!.GetValue<long>() == s.AlfaId);

        var read = await ReadAsync(Coach, s.AlfaId);
        Assert.True(JsonNode.DeepEquals(quality, read["checklist"]), $"checklist {read["checklist"]!.ToJsonString()} is not the report's {quality.ToJsonString()}");
        Assert.Equal(1, read["openChecklistItems"]!.GetValue<int>());

        var problem = await (await AttestAsync(Coach, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Contains("Checklistan har öppna punkter", problem.Errors!["reason"][0], StringComparison.Ordinal);
        await (await AttestAsync(Coach, s.AlfaId, "   ")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await AttestAsync(Coach, s.AlfaId, new string('a', 2001))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Equal("Open", (await ReadAsync(Coach, s.AlfaId))["state"].Str());

        var attested = await (await (await AttestAsync(Coach, s.AlfaId, "  Utfallet kommer från Arbetsförmedlingen i december.  "))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        var step = Assert.Single(attested["history"].Objects());
        Assert.Equal("Utfallet kommer från Arbetsförmedlingen i december.", step["remark"].Str());
        Assert.Equal(1, step["attestedFigures"]!["checklist"]!["exitsWithoutOutcome"]!.GetValue<int>());
    }

    [Fact]
    public async Task Attest_TertialNotEnded_Returns400()
    {
        var s = await ArrangeAsync();

        var problem = await (await AttestAsync(Coach, s.AlfaId, tertial: 3)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");

        Assert.Equal("Tertialen kan intygas först när den har slutat.", problem.Errors!["tertial"][0]);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Attest_OnlyByACoachOfThatProvider()
    {
        var s = await ArrangeAsync();
        var other = await Data.AssociationAsync();

        // A coach of Alfa for Beta: as if Beta did not exist.
        var problem = await (await AttestAsync(Coach, s.BetaId)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Utföraren finns inte.", problem.Detail);
        await (await AttestAsync(Coach, 999_999)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // The office, the board and the administrator may not attest for a provider.
        await (await AttestAsync(Office, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AttestAsync(Board, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AttestAsync(Admin, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AttestAsync(Users.OfficeOf(other.Id), s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Open", (await ReadAsync(Coach, s.AlfaId))["state"].Str());
        Assert.Equal("Open", (await ReadAsync(Office, s.BetaId))["state"].Str());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Accept_ByTheOfficeFromAttested_IsAcceptedAndFinal()
    {
        var s = await ArrangeAsync();
        var other = await Data.AssociationAsync();
        // Not attested yet: nothing to accept.
        var notAttested = await (await AcceptAsync(Office, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Rapporten är inte intygad av utföraren och kan inte godkännas.", notAttested.Detail);
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Nobody but the office of the provider's association accepts.
        await (await AcceptAsync(Coach, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AcceptAsync(Board, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AcceptAsync(Admin, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await AcceptAsync(Users.OfficeOf(other.Id), s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var accepted = await (await (await AcceptAsync(Office, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.Equal("Accepted", accepted["state"].Str());
        Assert.Equal(("Attested", "Accepted", "AssociationAdmin"),
            (accepted["history"]![1]!["from"].Str(), accepted["history"]![1]!["to"].Str(), accepted["history"]![1]!["byRole"].Str()));

        // Accepted is final for the cycle: no second accept, no return, no new attestation.
        Assert.Equal("Rapporten är redan godkänd och kan inte godkännas.", (await (await AcceptAsync(Office, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        await (await ReturnAsync(Office, s.AlfaId, "Fel siffror")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Rapporten är redan godkänd av förbundet och kan inte intygas igen.",
            (await (await AttestAsync(Coach, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        Assert.Equal([AuditAction.TertialAttested, AuditAction.TertialAccepted], (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task Return_RequiresARemarkAndReopens_HistoryKeepsEveryStepInOrder()
    {
        var s = await ArrangeAsync();
        await (await ReturnAsync(Office, s.AlfaId, "För tidigt")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await ReturnAsync(Office, s.AlfaId, null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "remark");
        await (await ReturnAsync(Office, s.AlfaId, "  ")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "remark");
        await (await ReturnAsync(Office, s.AlfaId, new string('x', 2001))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "remark");
        await (await ReturnAsync(Coach, s.AlfaId, "Själv")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await ReturnAsync(Board, s.AlfaId, "Styrelsen")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var returned = await (await (await ReturnAsync(Office, s.AlfaId, " Kommentaren om kön saknas. ")).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.Equal("Open", returned["state"].Str());
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await (await AcceptAsync(Office, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var history = (await ReadAsync(Coach, s.AlfaId))["history"].Objects().ToList();
        Assert.Equal(
            [("Open", "Attested", "Coach", "null", true, 0),
             ("Attested", "Open", "AssociationAdmin", "Kommentaren om kön saknas.", false, 1),
             ("Open", "Attested", "Coach", "null", true, 2),
             ("Attested", "Accepted", "AssociationAdmin", "null", false, 3)],
            history.Select(h => (h["from"].Str(), h["to"].Str(), h["byRole"].Str(), h["remark"].Str(), h["attestedFigures"] is not null,
                (int)(h["atUtc"]!.GetValue<DateTime>().ToUniversalTime() - TestDates.Now.UtcDateTime).TotalHours)));
        Assert.Equal([AuditAction.TertialAttested, AuditAction.TertialReturned, AuditAction.TertialAttested, AuditAction.TertialAccepted],
            (await AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task AttestedFigures_StayAsAttested_AfterALaterRegistration()
    {
        var s = await ArrangeAsync();
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var before = (await ReadAsync(Coach, s.AlfaId))["history"]![0]!["attestedFigures"]!.DeepClone();

        // Late data: W1, a woman in X from 2026-07-01.
        await Office.IdentifiedAsync(Data, s.XId, TestPersonnummer.Woman(1), new DateOnly(2026, 7, 1));

        var after = (await ReadAsync(Coach, s.AlfaId))["history"]![0]!["attestedFigures"];
        Assert.True(JsonNode.DeepEquals(before, after), "the attested figures changed after a later registration");
        after!["interventions"]![0]!["figures"]!["active"].AssertCount(1, 0, "attested active");
        // Now the report counts both.
        (await Office.ReportAsync(s.AssociationId, 2026, 2))["report"]!.AsObject().Figures(s.XId)["active"].AssertCount(2, 0, "current active");
    }

    [Fact]
    public async Task AdoptedTertial_IsLocked()
    {
        var s = await ArrangeAsync();
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Office.PostAsync($"/api/v1/associations/{s.AssociationId}/reports/tertial/2026/2/close", new JsonObject { ["adoptedBy"] = "Styrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        const string locked = "Tertialen är fastställd och kan inte längre ändras.";
        Assert.Equal(locked, (await (await AcceptAsync(Office, s.AlfaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        Assert.Equal(locked, (await (await ReturnAsync(Office, s.AlfaId, "Sent")).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        Assert.Equal(locked, (await (await AttestAsync(Users.CoachOf(s.BetaId), s.BetaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);

        var report = await ReadAsync(Coach, s.AlfaId);
        Assert.Equal(("Attested", true), (report["state"].Str(), report["tertialAdopted"]!.GetValue<bool>()));
        Assert.Single(report["history"]!.AsArray());
    }

    [Fact]
    public async Task AssociationList_ShowsEveryProviderWithStateAndChecklist()
    {
        var s = await ArrangeAsync();
        // Beta: an exit in T2 without outcome and without step at exit.
        await Office.IdentifiedAsync(Data, s.YId, TestPersonnummer.Man(1), new DateOnly(2026, 5, 4), new DateOnly(2026, 8, 3), "PlannedCompletion", "Unknown", null);
        await (await AttestAsync(Coach, s.AlfaId)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await Office.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2");

        var list = await (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.False(list["tertialAdopted"]!.GetValue<bool>());
        Assert.Equal(
            [("Alfa utförare", "Attested", "Intygad", 0, 0, 0), ("Beta utförare", "Open", "Öppen", 2, 1, 1)],
            list["providers"].Objects().Select(p => (p["providerName"].Str(), p["state"].Str(), p["stateLabel"].Str(), p["openChecklistItems"]!.GetValue<int>(),
                p["checklist"]!["exitsWithoutOutcome"]!.GetValue<int>(), p["checklist"]!["exitsWithoutStep"]!.GetValue<int>())));

        await (await Coach.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var other = await Data.AssociationAsync();
        await (await Users.OfficeOf(other.Id).GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/4")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
    }
}
