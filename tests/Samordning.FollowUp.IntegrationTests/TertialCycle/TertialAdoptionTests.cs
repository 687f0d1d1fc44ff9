using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;

namespace Samordning.FollowUp.IntegrationTests.TertialCycle;

/// <summary>
/// The end of the cycle: adoption ("Fastställ") waits for every provider with an intervention in
/// the tertial to be accepted, unless the office gives a reason, which is audited and printed in
/// the report; after adoption the providers' words and steps are locked. Also the checklist's
/// count-only item, the figures of the confirm step and the notes' endpoint.
/// Today is 2026-11-23, so T2 2026 (May–August) has ended.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialAdoptionTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Reason = "Beta utförare har avslutat uppdraget och kan inte intyga.";

    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, long GammaId, long XId, long YId);

    /// <summary>
    /// Alfa (the home provider, <c>Coach</c>) runs X, Beta runs Y, both from 2026-01-01; Gamma's only
    /// intervention ended in 2025, so T2 2026's cycle does not concern Gamma. W0 woman in X from 2026-06-01.
    /// </summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare");
        var gamma = await Data.ProviderAsync(association.Id, "Gamma utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        var y = await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.Identified, "Mapping", new DateOnly(2026, 1, 1));
        await Office.InterventionAsync(association.Id, gamma.Id, "Avslutad insats", Mode.Identified, "Mapping", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new DateOnly(2026, 6, 1));
        return new Setup(association.Id, alfa.Id, beta.Id, gamma.Id, x.Id, y.Id);
    }

    private static string Cycle(long providerId, string action = "") =>
        $"/api/v1/providers/{providerId}/tertial-reports/2026/2" + (action.Length == 0 ? "" : "/" + action);

    private async Task AttestAndAcceptAsync(long providerId)
    {
        await (await Users.CoachOf(providerId).PostAsync(Cycle(providerId, "attest"), new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Office.PostAsync(Cycle(providerId, "accept"), new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> CloseAsync(long associationId, string? reason = null)
    {
        var body = new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen" };
        if (reason is not null)
        {
            body["overrideReason"] = reason;
        }

        return Office.PostAsync($"/api/v1/associations/{associationId}/reports/tertial/2026/2/close", body);
    }

    private static async Task<List<JsonObject>> ReadArrayAsync(HttpResponseMessage response) =>
        [.. JsonNode.Parse(await (await response.ShouldHaveStatusAsync(HttpStatusCode.OK)).Content.ReadAsStringAsync(Ct))!.AsArray().Select(n => n!.AsObject())];

    private Task<List<AuditEntry>> AdoptionAuditAsync() =>
        Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.TertialAdopted).OrderBy(a => a.Id).ToListAsync(Ct));

    [Fact]
    public async Task Close_WhileAProviderOfTheCycleIsNotAccepted_IsRefusedNamingIt_OnceAllAreAccepted_Adopts()
    {
        var s = await ArrangeAsync();
        await AttestAndAcceptAsync(s.AlfaId);
        await (await Users.CoachOf(s.BetaId).PostAsync(Cycle(s.BetaId, "attest"), new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Beta has attested but is not accepted; Gamma has nothing in the tertial and is not waited for.
        var problem = await (await CloseAsync(s.AssociationId)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "overrideReason");
        Assert.Equal("En utförare är inte godkänd: Beta utförare (intygad). Fastställ när alla är godkända, eller skriv en motivering för att fastställa ändå.",
            problem.Errors!["overrideReason"][0]);
        Assert.False(await Factory.WithDbAsync(db => db.ReportAdoptions.AnyAsync(a => a.AssociationId == s.AssociationId, Ct)));
        var summary = await (await Office.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2/summary")).ReadJsonAsync();
        Assert.Equal("2 av 2 utförare har intygat, 1 godkänd", summary["text"].Str());
        Assert.Equal(["Beta utförare"], summary["notAccepted"].Objects().Select(p => p["name"].Str()));

        await (await Office.PostAsync(Cycle(s.BetaId, "accept"), new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var adopted = await (await (await CloseAsync(s.AssociationId)).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();

        Assert.Equal("Adopted", adopted["status"].Str());
        Assert.Null(await Factory.WithDbAsync(db => db.ReportAdoptions.Where(a => a.AssociationId == s.AssociationId).Select(a => a.OverrideReason).SingleAsync(Ct)));
        var audit = Assert.Single(await AdoptionAuditAsync());
        Assert.Equal((s.AssociationId, "2026 T2: alla utförare godkända"), (audit.AssociationId, audit.Detail));
        Assert.Null((await Office.ReportAsync(s.AssociationId, 2026, 2))["presentation"]!["adoptionNote"]);
    }

    [Fact]
    public async Task Close_WithTheLongestReasonAllowed_AdoptsAndKeepsItWhole_AndTheAuditLineNamesWhoWasNotAcceptedFirst()
    {
        var s = await ArrangeAsync();
        await AttestAndAcceptAsync(s.AlfaId);
        var reason = string.Concat(Enumerable.Repeat("Styrelsen behöver rapporten före sitt möte. ", 50))[..2000].TrimEnd();

        // The audit line's column holds 400 characters; the reason may have 2,000 (PostgreSQL refused the line: a 500).
        await (await CloseAsync(s.AssociationId, reason)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(reason, await Factory.WithDbAsync(db => db.ReportAdoptions.Where(a => a.AssociationId == s.AssociationId).Select(a => a.OverrideReason).SingleAsync(Ct)));
        var audit = Assert.Single(await AdoptionAuditAsync());
        Assert.Equal(AuditEntry.MaxDetailLength, audit.Detail!.Length);
        Assert.StartsWith("2026 T2: ej godkända: Beta utförare (öppen). Fastställd utan att alla utförare godkänts: Styrelsen behöver", audit.Detail, StringComparison.Ordinal);
        Assert.EndsWith("…", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_WithAnOverrideReason_RecordsWhoWhenAndWhy_AndTheReportPrintsIt_OnThePageInThePdfAndInExcel()
    {
        var s = await ArrangeAsync();
        await AttestAndAcceptAsync(s.AlfaId);

        // The reason is required to be words, and not too many of them.
        await (await CloseAsync(s.AssociationId, "   ")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "overrideReason");
        var tooLong = await (await CloseAsync(s.AssociationId, new string('a', 2001))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "overrideReason");
        Assert.Equal("Motiveringen får vara högst 2000 tecken.", tooLong.Errors!["overrideReason"][0]);

        await (await CloseAsync(s.AssociationId, "  " + Reason + " ")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(Reason, await Factory.WithDbAsync(db => db.ReportAdoptions.Where(a => a.AssociationId == s.AssociationId).Select(a => a.OverrideReason).SingleAsync(Ct)));
        var audit = Assert.Single(await AdoptionAuditAsync());
        Assert.Equal((TestDates.Now.UtcDateTime, UserRole.AssociationAdmin, "2026 T2: ej godkända: Beta utförare (öppen). Fastställd utan att alla utförare godkänts: " + Reason),
            (audit.AtUtc, audit.Role, audit.Detail));
        Assert.EndsWith("@test.example", audit.UserName, StringComparison.Ordinal);

        const string printed = "Fastställd utan att alla utförare godkänts: " + Reason;
        Assert.Equal(printed, (await Office.ReportAsync(s.AssociationId, 2026, 2))["presentation"]!["adoptionNote"].Str());
        Assert.Equal(printed, (await Board.ReportAsync(s.AssociationId, 2026, 2, "YearToDate"))["presentation"]!["adoptionNote"].Str());
        // Today's figures of an adopted tertial still say how it was adopted.
        Assert.Equal(printed, (await Office.ReportAsync(s.AssociationId, 2026, 2, view: "current"))["presentation"]!["adoptionNote"].Str());

        using var board = await UiSession.SignInAsync(Factory, UserRole.BoardMember, s.AssociationId, null);
        using (var page = await board.GetAsync("/rapport/2026/2", Ct))
        {
            Assert.Contains(printed, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var file = $"/api/v1/associations/{s.AssociationId}/reports/tertial/2026/2/report";
        var pdfResponse = await (await Board.GetAsync(file + ".pdf?mode=Period")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using (var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync(Ct)))
        {
            var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains(printed, text, StringComparison.Ordinal);
        }

        var xlsxResponse = await (await Board.GetAsync(file + ".xlsx?mode=Period")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var summary = XlsxReader.Sheet(document, "Sammanfattning");
        var row = XlsxReader.RowWith(document, summary, "Fastställande");
        Assert.Equal(["Fastställande", printed], row.Elements<Cell>().Select(c => XlsxReader.Text(document, c)).Take(2));
    }

    [Fact]
    public async Task AfterAdoption_NotesStepsAndRemindersAreRefused_AndThePagesAreReadOnly()
    {
        var s = await ArrangeAsync();
        var note = new JsonObject { ["whatWorked"] = "Fasta grupper." };
        await (await Coach.PutAsync($"/api/v1/interventions/{s.XId}/tertial-notes/2026/2", note)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await CloseAsync(s.AssociationId, Reason)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        const string locked = "Tertialen är fastställd och kan inte längre ändras.";
        var refused = await (await Coach.PutAsync($"/api/v1/interventions/{s.XId}/tertial-notes/2026/2", new JsonObject { ["whatWorked"] = "Ändrat." }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(locked, refused.Detail);
        Assert.Equal(locked, (await (await Office.PutAsync($"/api/v1/interventions/{s.YId}/tertial-notes/2026/2", note)).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        Assert.Equal(locked, (await (await Coach.PostAsync(Cycle(s.AlfaId, "attest"), new JsonObject())).ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        Assert.Equal(locked, (await (await Office.PostAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2/reminders", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail);
        // Another tertial is not locked.
        await (await Coach.PutAsync($"/api/v1/interventions/{s.XId}/tertial-notes/2026/1", note)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var notes = await ReadArrayAsync(await Coach.GetAsync($"/api/v1/providers/{s.AlfaId}/tertial-notes/2026/2"));
        Assert.Equal("Fasta grupper.", Assert.Single(notes)["note"]!["whatWorked"].Str());

        using var coach = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);
        using (var response = await coach.GetAsync("/tertialrapportering/2026/2", Ct))
        {
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Tertialen är fastställd av förbundet.", html, StringComparison.Ordinal);
            Assert.Contains("Fasta grupper.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<textarea", html, StringComparison.Ordinal);
            Assert.DoesNotContain("handler=Intyga", html, StringComparison.Ordinal);
        }

        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, s.AssociationId, null);
        using (var response = await office.GetAsync("/kansli/tertialrapportering/2026/2", Ct))
        {
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Tertialen är fastställd.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("handler=paminn", html, StringComparison.Ordinal);
            Assert.DoesNotContain("handler=godkann", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Checklist_CountOnlyInterventionWithoutTheTertialsCount_IsAnOpenItem_AsInTheReportsDataQuality()
    {
        var s = await ArrangeAsync();
        // Z: Alfa's count-only intervention, running in T2 2026, with no count for T2 2026 yet.
        var z = await Office.InterventionAsync(s.AssociationId, s.AlfaId, "Samverkansdagar", Mode.CountOnly, "DialogueAndCommunication", new DateOnly(2026, 1, 1));

        var report = await (await Coach.GetAsync(Cycle(s.AlfaId))).ReadJsonAsync();
        Assert.Equal((1, 1), (report["checklist"]!["countOnlyWithoutFigures"]!.GetValue<int>(), report["openChecklistItems"]!.GetValue<int>()));
        var quality = (await Office.ReportAsync(s.AssociationId, 2026, 2))["report"]!["dataQuality"].Objects().Single(r => r["providerId"]!.GetValue<long>() == s.AlfaId);
        Assert.True(JsonNode.DeepEquals(quality, report["checklist"]), $"checklist {report["checklist"]!.ToJsonString()} is not the report's {quality.ToJsonString()}");
        // Beta has no count-only intervention.
        Assert.Equal(0, (await (await Office.GetAsync(Cycle(s.BetaId))).ReadJsonAsync())["checklist"]!["countOnlyWithoutFigures"]!.GetValue<int>());

        using var coach = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);
        using (var response = await coach.GetAsync("/tertialrapportering/2026/2", Ct))
        {
            Assert.Contains("Antalsinsatser utan registrerade antal: 1", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The tertial's count entered: the item closes, in the checklist and in the report alike.
        await (await Coach.PutAsync($"/api/v1/interventions/{z.Id}/counts/2026/2", new JsonObject { ["women"] = 12, ["men"] = 9 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        report = await (await Coach.GetAsync(Cycle(s.AlfaId))).ReadJsonAsync();
        Assert.Equal((0, 0), (report["checklist"]!["countOnlyWithoutFigures"]!.GetValue<int>(), report["openChecklistItems"]!.GetValue<int>()));
        Assert.Equal(0, (await Office.ReportAsync(s.AssociationId, 2026, 2))["report"]!["dataQuality"].Objects()
            .Single(r => r["providerId"]!.GetValue<long>() == s.AlfaId)["countOnlyWithoutFigures"]!.GetValue<int>());
    }

    [Fact]
    public async Task AttestationFigures_AreWhatTheAttestationStores()
    {
        var s = await ArrangeAsync();
        var z = await Office.InterventionAsync(s.AssociationId, s.AlfaId, "Samverkansdagar", Mode.CountOnly, "DialogueAndCommunication", new DateOnly(2026, 1, 1));
        await (await Coach.PutAsync($"/api/v1/interventions/{z.Id}/counts/2026/2", new JsonObject { ["women"] = 12, ["men"] = 9 })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var figures = await (await (await Coach.GetAsync(Cycle(s.AlfaId, "figures"))).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();

        // Alfa's two interventions: X with W0 active and new in T2; Z with its count so far this year.
        Assert.Equal(["Arbetsträning", "Samverkansdagar"], figures["interventions"].Objects().Select(r => r["name"].Str()).Order());
        var x = figures["interventions"].Objects().Single(r => r["interventionId"]!.GetValue<long>() == s.XId)["figures"]!;
        x["active"].AssertCount(1, 0, "active");
        x["new"].AssertCount(1, 0, "new");
        x["ended"].AssertCount(0, 0, "ended");
        figures["interventions"].Objects().Single(r => r["interventionId"]!.GetValue<long>() == z.Id)["figures"]!["countOnly"].AssertCount(12, 9, "count-only");

        var attested = await (await Coach.PostAsync(Cycle(s.AlfaId, "attest"), new JsonObject())).ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(figures, attested["history"]![0]!["attestedFigures"]), "the confirm step's figures are not the attested ones");

        await (await Users.CoachOf(s.BetaId).GetAsync(Cycle(s.AlfaId, "figures"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Board.GetAsync(Cycle(s.AlfaId, "figures"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ProviderNotes_ListEveryInterventionOfTheTertial_WithItsNote_ForItsCoachesAndTheOffice()
    {
        var s = await ArrangeAsync();
        var path = $"/api/v1/providers/{s.AlfaId}/tertial-notes/2026/2";
        var only = Assert.Single(await ReadArrayAsync(await Coach.GetAsync(path)));
        Assert.Equal(s.XId, only["interventionId"]!.GetValue<long>());
        Assert.Equal("Arbetsträning", only["interventionName"].Str());
        Assert.Null(only["note"]);

        await (await Coach.PutAsync($"/api/v1/interventions/{s.XId}/tertial-notes/2026/2", new JsonObject
        {
            ["referralFlowAndQueue"] = "Remitteringen har ökat från ett tidigare lågt inflöde.",
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var after = await ReadArrayAsync(await Office.GetAsync(path));
        Assert.Equal("Remitteringen har ökat från ett tidigare lågt inflöde.", Assert.Single(after)["note"]!["referralFlowAndQueue"].Str());
        await (await Users.CoachOf(s.BetaId).GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Board.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Coach.GetAsync($"/api/v1/providers/{s.AlfaId}/tertial-notes/2026/4")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
    }
}
