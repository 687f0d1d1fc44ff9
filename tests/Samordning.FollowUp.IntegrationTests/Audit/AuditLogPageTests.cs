using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Audit;

/// <summary>
/// "Logg över åtgärder" (/kansli/logg): the office reads its association's audit lines, filtered
/// and paged by the database, and downloads the same lines as CSV; the administrator reads every
/// association's, with a filter per association. Never a personnummer, in the page or the file.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Audit")]
public sealed partial class AuditLogPageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string UserA = "anvandare-a";
    private const string UserB = "anvandare-b";

    /// <summary>Lines written straight into the log on Swedish days in March 2026 (the sign-ins of the test fall in November).</summary>
    private async Task SeedAsync(long associationId, long otherAssociationId)
    {
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
            {
                db.AuditEntries.Add(Line(UserA, AuditAction.IdentityRead, "Participation", associationId, new DateTime(2026, 3, 2 + (i % 10), 9, 0, 0, DateTimeKind.Utc)));
            }

            for (var i = 0; i < 5; i++)
            {
                db.AuditEntries.Add(Line(UserB, AuditAction.Export, "Report", associationId, new DateTime(2026, 3, 20 + i, 9, 0, 0, DateTimeKind.Utc)));
            }

            for (var i = 0; i < 7; i++)
            {
                db.AuditEntries.Add(Line("annan", AuditAction.Export, "Report", otherAssociationId, new DateTime(2026, 3, 21, 9, 0, 0, DateTimeKind.Utc)));
            }

            await db.SaveChangesAsync(Ct);
            return 0;
        });
    }

    private static AuditEntry Line(string user, AuditAction action, string entityType, long associationId, DateTime atUtc) => new()
    {
        AtUtc = atUtc, UserId = user, UserName = $"{user}@test.example", Role = UserRole.Coach, Action = action,
        EntityType = entityType, EntityId = "17", AssociationId = associationId, Detail = "Testrad",
    };

    private static async Task<string> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/kansli/logg{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static int Rows(string page) => Regex.Count(page, "data-label=\"Tidpunkt\"");

    private static string Total(string page) => TotalLine().Match(page).Groups[1].Value;

    [GeneratedRegex("<p role=\"status\">([^<]*) i loggen\\.</p>")]
    private static partial Regex TotalLine();

    [Fact]
    public async Task LogPage_FiltersByActionUserTypeAndDates_PagedByFifty()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        await SeedAsync(home.Id, other.Id);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, home.Id, null);
        const string March = "&fran=2026-03-01&till=2026-03-31";

        var first = await PageAsync(office, "?fran=2026-03-01&till=2026-03-31");
        Assert.Equal("60 rader", Total(first));
        Assert.Equal(50, Rows(first));
        Assert.Contains("Sida 1 av 2.", first, StringComparison.Ordinal);
        Assert.Contains("<h1>Logg över åtgärder</h1>", first, StringComparison.Ordinal);
        // Newest first: the exports of 20–24 March come before the reads.
        Assert.Contains("2026-03-24 10:00", first[..first.IndexOf("<td data-label=\"Åtgärd\">Läste personnummer", StringComparison.Ordinal)], StringComparison.Ordinal);
        var second = await PageAsync(office, $"?sida=2{March}");
        Assert.Equal(10, Rows(second));
        Assert.Contains("Sida 2 av 2.", second, StringComparison.Ordinal);

        var exports = await PageAsync(office, $"?atgard=Export{March}");
        Assert.Equal("5 rader", Total(exports));
        Assert.Contains("<td data-label=\"Åtgärd\">Exporterade</td>", exports, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Typ\">Rapport</td>", exports, StringComparison.Ordinal);
        Assert.Equal("55 rader", Total(await PageAsync(office, $"?anvandare={UserA}{March}")));
        Assert.Equal("55 rader", Total(await PageAsync(office, $"?typ=Participation{March}")));
        Assert.Equal("0 rader", Total(await PageAsync(office, $"?anvandare={UserB}&typ=Participation{March}")));
        // Swedish days: 2–3 March hold reads i = 0, 1, 10, 11, … (six days of 10 each, 55 lines).
        Assert.Equal("12 rader", Total(await PageAsync(office, "?fran=2026-03-02&till=2026-03-03")));

        // Another association's lines are never the office's, whatever it asks for.
        Assert.Equal("60 rader", Total(await PageAsync(office, $"?forbund={other.Id}{March}")));

        var wrong = await PageAsync(office, "?fran=2026-03-10&till=2026-03-01");
        Assert.Contains("Slutdatumet kan inte ligga före startdatumet.", wrong, StringComparison.Ordinal);
        Assert.Equal(0, Rows(wrong));
        var unknownAction = await PageAsync(office, "?atgard=Bogus");
        Assert.Equal(0, Rows(unknownAction));
        Assert.Contains("field-error", unknownAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPage_Administrator_SeesEveryAssociation_AndFiltersByOne()
    {
        var home = await Data.AssociationAsync("Samordningsförbundet Östra Skaraborg");
        var other = await Data.AssociationAsync("Finsam Älvsborg");
        await SeedAsync(home.Id, other.Id);
        using var admin = await UiSession.SignInAsync(Factory, UserRole.SystemAdmin, null, null);

        Assert.Equal("67 rader", Total(await PageAsync(admin, "?fran=2026-03-01&till=2026-03-31")));
        var theirs = await PageAsync(admin, $"?forbund={other.Id}&fran=2026-03-01&till=2026-03-31");
        Assert.Equal("7 rader", Total(theirs));
        Assert.Contains("<td data-label=\"Förbund\">Finsam Älvsborg</td>", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("<td data-label=\"Förbund\">Samordningsförbundet Östra Skaraborg</td>", theirs, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{other.Id}\" selected=\"selected\">Finsam Älvsborg</option>", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogCsv_HoldsTheFilteredLines_AndIsItselfAudited()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        await SeedAsync(home.Id, other.Id);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, home.Id, null);

        var page = await PageAsync(office, "?atgard=Export&fran=2026-03-01&till=2026-03-31");
        var link = WebUtility.HtmlDecode(CsvLink().Match(page).Groups[1].Value);
        Assert.Equal("/api/v1/audit/export?action=Export&from=2026-03-01&to=2026-03-31", link);
        using var response = await office.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Tidpunkt;Användare;Roll;Åtgärd;Typ;Id;Förbund-id;Utförare-id;Detaljer", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.All(lines[1..], l => Assert.Contains(";Exporterade;Rapport;17;", l, StringComparison.Ordinal));
        Assert.StartsWith("2026-03-24 10:00;anvandare-b@test.example;", lines[1], StringComparison.Ordinal);

        var audited = (await Users.OfficeOf(home.Id).AuditAsync("?action=Export&entityType=AuditLog")).Items;
        Assert.Single(audited, l => l.Detail == "Logg över åtgärder som .csv, 5 rader" && l.AssociationId == home.Id);
        await (await Users.OfficeOf(home.Id).GetAsync("/api/v1/audit/export?from=2026-03-10&to=2026-03-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "to");
    }

    [GeneratedRegex("<a class=\"button secondary\" href=\"([^\"]+)\" download>Ladda ner CSV</a>")]
    private static partial Regex CsvLink();

    [Fact]
    public async Task LogPageAndCsv_AfterAnIdentityRead_NeverHoldThePersonnummer()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var pnr = TestPersonnummer.Woman(30);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        var coach = Users.CoachOf(provider.Id);
        var identity = await coach.IdentityAsync(participation.Id);
        Assert.Equal(TestPersonnummer.WithDash(pnr), identity.PersonalIdentityNumber);
        await (await coach.SearchAsync(pnr)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        foreach (var (role, associationId) in new[] { (UserRole.AssociationAdmin, (long?)association.Id), (UserRole.SystemAdmin, null) })
        {
            using var client = await UiSession.SignInAsync(Factory, role, associationId, null);
            var page = await PageAsync(client, string.Empty);
            Assert.Contains("<td data-label=\"Åtgärd\">Läste personnummer</td>", page, StringComparison.Ordinal);
            Assert.Contains("<td data-label=\"Åtgärd\">Sökte på personnummer</td>", page, StringComparison.Ordinal);
            Assert.Contains($"<td data-label=\"Id\">{participation.Id.ToString(CultureInfo.InvariantCulture)}</td>", page, StringComparison.Ordinal);
            var csv = await (await client.GetAsync("/api/v1/audit/export", Ct)).Content.ReadAsStringAsync(Ct);
            Assert.Contains(";Läste personnummer;Deltagande;", csv, StringComparison.Ordinal);

            foreach (var text in new[] { page, csv })
            {
                Assert.DoesNotContain(pnr, text, StringComparison.Ordinal);
                Assert.DoesNotContain(PersonnummerForms.TenDigits(pnr), text, StringComparison.Ordinal);
                Assert.Empty(PersonnummerForms.FoundIn(text, [pnr]));
            }
        }
    }
}
