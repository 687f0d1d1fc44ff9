using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.TertialCycle;

/// <summary>
/// The office's page of the tertial cycle (/kansli/tertialrapportering/{år}/{tertial}): every
/// provider's state, accept or send back with a remark; the report page's cycle status line.
/// Today is 2026-11-23, so T2 2026 is the most recent ended tertial and the page's default.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed partial class OfficeCyclePageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Page = "/kansli/tertialrapportering/2026/2";

    private sealed record Setup(long AssociationId, long AlfaId, long BetaId);

    /// <summary>Alfa (the home provider, <c>Coach</c>) runs X with one participant and an empty checklist; Beta runs Y.</summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.Identified, "Mapping", new DateOnly(2026, 1, 1));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new DateOnly(2026, 6, 1));
        return new Setup(association.Id, alfa.Id, beta.Id);
    }

    private async Task AttestAsync(long providerId) =>
        await (await Coach.PostAsync($"/api/v1/providers/{providerId}/tertial-reports/2026/2/attest", new JsonObject()))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

    private async Task<string> StateAsync(long providerId) =>
        (await (await (await Office.GetAsync($"/api/v1/providers/{providerId}/tertial-reports/2026/2"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync())["state"].Str();

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>Posts a form of the page and follows the redirect back to it, as a browser does.</summary>
    private static async Task<string> PostAndFollowAsync(HttpClient client, string handler, params (string Name, string Value)[] fields)
    {
        var token = await UiSession.FormTokenAsync(client, Page);
        using var response = await UiSession.PostFormAsync(client, $"{Page}?handler={handler}", token, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(Page, response.Headers.Location!.OriginalString);
        return await GetAsync(client, Page);
    }

    /// <summary>The text of the table row of the provider.</summary>
    private static string Row(string html, string provider) =>
        Rows().Matches(html).Select(m => Text(m.Value)).SingleOrDefault(r => r.StartsWith(provider, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"no row for {provider}");

    [Fact]
    public async Task Office_ReturnsWithARemarkThenAccepts_StateAndConfirmationOnThePage()
    {
        var s = await ArrangeAsync();
        await AttestAsync(s.AlfaId);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, s.AssociationId, null);

        // The default is the most recent ended tertial: T2 2026.
        var html = await GetAsync(office, "/kansli/tertialrapportering");
        Assert.Contains("<h1>Tertialrapportering T2 2026</h1>", html, StringComparison.Ordinal);
        Assert.StartsWith("Alfa utförare Intygad", Row(html, "Alfa utförare"), StringComparison.Ordinal);
        Assert.Contains("av ", Row(html, "Alfa utförare"), StringComparison.Ordinal);
        Assert.Equal("Beta utförare Öppen – 0", Row(html, "Beta utförare"));
        Assert.Contains("href=\"/kansli/tertialrapportering\" aria-current=\"page\"", html, StringComparison.Ordinal);

        // Sending back without a remark is refused, the message at the remark field of Alfa's form.
        var token = await UiSession.FormTokenAsync(office, Page);
        using (var refused = await UiSession.PostFormAsync(office, $"{Page}?handler=skickatillbaka", token, ("utforare", $"{s.AlfaId}"), ("anmarkning", "  ")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Contains("<a href=\"#anmarkning\">Skriv vad utföraren behöver rätta.</a>", page, StringComparison.Ordinal);
            Assert.Matches("<p id=\"anmarkning-fel\" class=\"field-error\">.*Skriv vad utföraren behöver rätta.</p>", page);
            Assert.Matches("<textarea[^>]*id=\"anmarkning\" name=\"anmarkning\" aria-invalid=\"true\"", page);
        }

        Assert.Equal("Attested", await StateAsync(s.AlfaId));

        html = await PostAndFollowAsync(office, "skickatillbaka", ("utforare", $"{s.AlfaId}"), ("anmarkning", "Kön saknas i kommentaren."));
        Assert.Contains("Rapporten från Alfa utförare för T2 2026 är skickad tillbaka", Text(html), StringComparison.Ordinal);
        Assert.StartsWith("Alfa utförare Återsänd", Row(html, "Alfa utförare"), StringComparison.Ordinal);
        Assert.Contains("Ingen utförare väntar på granskning just nu.", html, StringComparison.Ordinal);
        Assert.Equal("Open", await StateAsync(s.AlfaId));

        await AttestAsync(s.AlfaId);
        Assert.StartsWith("Alfa utförare Intygad", Row(await GetAsync(office, Page), "Alfa utförare"), StringComparison.Ordinal);

        html = await PostAndFollowAsync(office, "godkann", ("utforare", $"{s.AlfaId}"));
        Assert.Contains("Rapporten från Alfa utförare för T2 2026 är godkänd.", Text(html), StringComparison.Ordinal);
        Assert.StartsWith("Alfa utförare Godkänd", Row(html, "Alfa utförare"), StringComparison.Ordinal);
        Assert.Equal("Accepted", await StateAsync(s.AlfaId));

        // Accepting Beta, which has not attested: the API's refusal, in the error summary.
        token = await UiSession.FormTokenAsync(office, Page);
        using var notAttested = await UiSession.PostFormAsync(office, $"{Page}?handler=godkann", token, ("utforare", $"{s.BetaId}"));
        Assert.Equal(HttpStatusCode.OK, notAttested.StatusCode);
        Assert.Contains("Rapporten är inte intygad av utföraren och kan inte godkännas.", await notAttested.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_ShowsTheCycleStatus_BoardSeesItButNotTheOfficePage()
    {
        var s = await ArrangeAsync();
        await AttestAsync(s.AlfaId);
        await (await Office.PostAsync($"/api/v1/providers/{s.AlfaId}/tertial-reports/2026/2/accept", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, s.AssociationId, null);
        var officeReport = await GetAsync(office, "/rapport/2026/2");
        Assert.Contains("Utförarnas rapportering: 1 av 2 utförare har intygat, 1 godkänd.", Text(officeReport), StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", officeReport, StringComparison.Ordinal);

        using var board = await UiSession.SignInAsync(Factory, UserRole.BoardMember, s.AssociationId, null);
        var boardReport = await GetAsync(board, "/rapport/2026/2");
        Assert.Contains("Utförarnas rapportering: 1 av 2 utförare har intygat, 1 godkänd.", Text(boardReport), StringComparison.Ordinal);
        Assert.DoesNotContain("/kansli/tertialrapportering", boardReport, StringComparison.Ordinal);
        using var forbidden = await board.GetAsync(Page, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // The same counts through the API, for the board too; never a figure or a checklist.
        var summary = await (await (await Board.GetAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2/summary"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.Equal((2, 1, 1), (summary["providers"]!.GetValue<int>(), summary["attested"]!.GetValue<int>(), summary["accepted"]!.GetValue<int>()));
        Assert.Null(summary["checklist"]);
    }

    [Fact]
    public async Task AdoptedTertial_IsReadOnly()
    {
        var s = await ArrangeAsync();
        await AttestAsync(s.AlfaId);
        await (await Office.PostAsync($"/api/v1/associations/{s.AssociationId}/reports/tertial/2026/2/close",
            new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, s.AssociationId, null);

        var html = await GetAsync(office, Page);

        Assert.Contains("Tertialen är fastställd.", html, StringComparison.Ordinal);
        Assert.StartsWith("Alfa utförare Intygad", Row(html, "Alfa utförare"), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=godkann", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=skickatillbaka", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_RemindsProvidersThatHaveNotAttested_OncePerDay_AndSaysSo()
    {
        var s = await ArrangeAsync();
        await AttestAsync(s.AlfaId);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, s.AssociationId, null);

        var html = await GetAsync(office, Page);
        Assert.Contains("Har inte intygat: Beta utförare.", Text(html), StringComparison.Ordinal);
        Assert.Contains("Inte godkända än: Alfa utförare (intygad), Beta utförare (öppen).", Text(html), StringComparison.Ordinal);

        html = await PostAndFollowAsync(office, "paminn");
        Assert.Contains("Påminnelse skickad till Beta utförare.", Text(html), StringComparison.Ordinal);
        var reminder = Assert.Single((await Data.NotificationsAsync($"?providerId={s.BetaId}", Users.CoachOf(s.BetaId))).Items);
        Assert.Equal(("TertialAttestationReminder", "Påminnelse: intyga tertialrapporteringen för T2 2026"), (reminder.Kind, reminder.Subject));

        html = await PostAndFollowAsync(office, "paminn");
        Assert.Contains("Ingen ny påminnelse: alla som inte har intygat är redan påminda i dag (Beta utförare).", Text(html), StringComparison.Ordinal);
        Assert.Single((await Data.NotificationsAsync($"?providerId={s.BetaId}", Users.CoachOf(s.BetaId))).Items);
        Assert.Empty((await Data.NotificationsAsync($"?providerId={s.AlfaId}")).Items);
    }

    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")).Replace('\u00a0', ' ').Replace('\u202f', ' '), " ").Trim();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
