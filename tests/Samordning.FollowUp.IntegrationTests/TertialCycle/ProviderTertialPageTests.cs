using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.TertialCycle;

/// <summary>
/// The coach's page of the tertial cycle (/tertialrapportering/{år}/{tertial}): the own provider's
/// state, checklist and history, a comment per intervention, and the attestation with its confirm
/// step and required reason while the checklist has open items. Today is 2026-11-23: T2 2026 has ended.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ProviderTertialPageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Page = "/tertialrapportering/2026/2";

    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, long XId, long YId);

    /// <summary>Alfa (the home provider) runs X, Beta runs Y; X has an exit in T2 without outcome: one open checklist item.</summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        var y = await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.Identified, "Mapping", new DateOnly(2026, 1, 1));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new DateOnly(2026, 6, 1));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Man(0), new DateOnly(2026, 5, 4), new DateOnly(2026, 7, 1), "PlannedCompletion", "Unknown", 4);
        return new Setup(association.Id, alfa.Id, beta.Id, x.Id, y.Id);
    }

    private static async Task<string> GetAsync(HttpClient client, string path = Page)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Coach_SavesANote_IsRefusedWithoutReason_AttestsWithReason_AndSeesIntygad()
    {
        var s = await ArrangeAsync();
        using var client = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);

        // Without a tertial in the address: the most recent ended one, T2 2026.
        var html = await GetAsync(client, "/tertialrapportering");
        Assert.Contains("Tertialrapportering T2 2026", html, StringComparison.Ordinal);
        Assert.Contains("Alfa utförare", html, StringComparison.Ordinal);
        Assert.Contains("Öppen", html, StringComparison.Ordinal);
        Assert.Contains("Avslut utan sysselsättning vid avslut: 1", html, StringComparison.Ordinal);
        Assert.Contains("Försenade uppföljningar: 0", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/insatser/{s.XId}/deltagare\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kartläggning", html, StringComparison.Ordinal);
        // Attesting starts with a confirm step, not the form itself.
        Assert.Contains($"href=\"{Page}?steg=bekrafta#intyga\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Intyga", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tertialrapportering\" aria-current=\"page\"", html, StringComparison.Ordinal);

        // The confirm step: X's figures for T2 as the attestation stores them (W0 and M0 active and new, M0 ended), then the reason.
        var confirm = await GetAsync(client, Page + "?steg=bekrafta");
        Assert.Contains("<caption>Arbetsträning</caption>", confirm, StringComparison.Ordinal);
        Assert.Matches(@"Aktiva under perioden</th>\s*<td class=""num"">1</td>\s*<td class=""num"">1</td>\s*<td class=""num"">2</td>", confirm);
        Assert.Matches(@"Nya under perioden</th>\s*<td class=""num"">1</td>\s*<td class=""num"">1</td>\s*<td class=""num"">2</td>", confirm);
        Assert.Matches(@"Avslutade under perioden</th>\s*<td class=""num"">0</td>\s*<td class=""num"">1</td>\s*<td class=""num"">1</td>", confirm);
        Assert.Contains("Motivering", confirm, StringComparison.Ordinal);
        Assert.Contains("handler=Intyga", confirm, StringComparison.Ordinal);

        // A note for X.
        var token = await UiSession.FormTokenAsync(client, Page);
        using (var saved = await UiSession.PostFormAsync(client, Page + "?handler=Kommentar", token,
            ("insats", s.XId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Note.ReferralFlowAndQueue", "Remitteringen har ökat från ett tidigare lågt inflöde."), ("Note.WhatWorked", "Fasta grupper."), ("Note.DeviationsAndRisks", ""),
            ("Note.SoftValues", "Deltagarna beskriver mer ork.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(Page, saved.Headers.Location?.OriginalString);
        }

        html = await GetAsync(client);
        Assert.Contains("Kommentaren för Arbetsträning är sparad.", html, StringComparison.Ordinal);
        Assert.Contains(">Remitteringen har ökat från ett tidigare lågt inflöde.</textarea>", html, StringComparison.Ordinal);
        var note = await Factory.WithDbAsync(db => db.TertialNotes.SingleAsync(n => n.InterventionId == s.XId, Ct));
        Assert.Equal((2026, 2, "Fasta grupper.", (string?)null, "Deltagarna beskriver mer ork."),
            (note.Year, note.Tertial, note.WhatWorked, note.DeviationsAndRisks, note.SoftValues));
        Assert.Contains("<label for=", html, StringComparison.Ordinal);
        Assert.Contains(">Mjuka värden</label>", html, StringComparison.Ordinal);

        // An empty note is refused at the form, in Swedish.
        using (var empty = await UiSession.PostFormAsync(client, Page + "?handler=Kommentar", token,
            ("insats", s.XId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Note.ReferralFlowAndQueue", ""), ("Note.WhatWorked", " "), ("Note.DeviationsAndRisks", "")))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("Skriv något i minst ett av fälten.", await BodyAsync(empty), StringComparison.Ordinal);
        }

        // Attesting without a reason while the checklist has an open item: refused, the message at the field.
        using (var refused = await UiSession.PostFormAsync(client, Page + "?handler=Intyga", token, ("Input.Reason", "")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var body = await BodyAsync(refused);
            Assert.Matches("<p id=\"Input_Reason-fel\" class=\"field-error\">.*Checklistan har öppna punkter", body);
            Assert.Contains("aria-invalid=\"true\"", body, StringComparison.Ordinal);
            Assert.Contains("error-summary", body, StringComparison.Ordinal);
            Assert.Contains("<caption>Arbetsträning</caption>", body, StringComparison.Ordinal);
        }

        Assert.Equal("Open", (await ReadAsync(s.AlfaId))["state"]!.GetValue<string>());

        using (var attested = await UiSession.PostFormAsync(client, Page + "?handler=Intyga", token, ("Input.Reason", "Avslutet rättas i december.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, attested.StatusCode);
        }

        html = await GetAsync(client);
        Assert.Contains("Tertialen T2 2026 är intygad.", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status ok\">Intygad</span>", html, StringComparison.Ordinal);
        Assert.Contains("Intygade rapporten", html, StringComparison.Ordinal);
        Assert.Contains("Avslutet rättas i december.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Intyga", html, StringComparison.Ordinal);
        var report = await ReadAsync(s.AlfaId);
        Assert.Equal("Attested", report["state"]!.GetValue<string>());
        Assert.Equal("Avslutet rättas i december.", report["history"]!.AsArray().Single()!["remark"]!.GetValue<string>());
    }

    [Fact]
    public async Task CoachOfAnotherProvider_SeesOnlyItsOwnProvider_AndCannotWriteTheOthersNote()
    {
        var s = await ArrangeAsync();
        using var alfa = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);
        var token = await UiSession.FormTokenAsync(alfa, Page);
        using (var saved = await UiSession.PostFormAsync(alfa, Page + "?handler=Kommentar", token,
            ("insats", s.XId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Note.WhatWorked", "Alfas hemliga text.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var beta = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.BetaId);
        var html = await GetAsync(beta);

        Assert.Contains("Beta utförare", html, StringComparison.Ordinal);
        Assert.Contains("Kartläggning", html, StringComparison.Ordinal);
        Assert.Contains("Avslut utan sysselsättning vid avslut: 0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Alfa utförare", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Arbetsträning", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Alfas hemliga text.", html, StringComparison.Ordinal);

        // Beta's coach posting a note for Alfa's intervention: "Sidan finns inte", nothing changes.
        var betaToken = await UiSession.FormTokenAsync(beta, Page);
        using (var refused = await UiSession.PostFormAsync(beta, Page + "?handler=Kommentar", betaToken,
            ("insats", s.XId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Note.WhatWorked", "Betas text.")))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var note = await Factory.WithDbAsync(db => db.TertialNotes.SingleAsync(n => n.InterventionId == s.XId, Ct));
        Assert.Equal("Alfas hemliga text.", note.WhatWorked);
    }

    [Fact]
    public async Task ReturnedReport_ShowsTheRemark_AndCanBeAttestedAgain()
    {
        var s = await ArrangeAsync();
        var path = $"/api/v1/providers/{s.AlfaId}/tertial-reports/2026/2";
        await (await Coach.PostAsync(path + "/attest", new JsonObject { ["reason"] = "Rättas senare." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Office.PostAsync(path + "/return", new JsonObject { ["remark"] = "Rätta avslutet först." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var client = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);

        var html = await GetAsync(client);

        Assert.Contains("Återsänd med anmärkning: Rätta avslutet först.", html, StringComparison.Ordinal);
        Assert.Contains("Skickade tillbaka rapporten", html, StringComparison.Ordinal);
        Assert.Contains("?steg=bekrafta#intyga", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptedTertial_IsReadOnly_WithANote()
    {
        var s = await ArrangeAsync();
        await (await Office.PostAsync($"/api/v1/associations/{s.AssociationId}/reports/tertial/2026/2/close",
            new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var client = await UiSession.SignInAsync(Factory, UserRole.Coach, s.AssociationId, s.AlfaId);

        var html = await GetAsync(client);

        Assert.Contains("Tertialen är fastställd av förbundet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Kommentar", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Intyga", html, StringComparison.Ordinal);
        Assert.Contains("Inflöde och kö", html, StringComparison.Ordinal);
    }

    private async Task<JsonObject> ReadAsync(long providerId) =>
        await (await (await Coach.GetAsync($"/api/v1/providers/{providerId}/tertial-reports/2026/2")).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
}
