using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The report page's restatement (/rapport/{år}/{tertial}?vy=aktuell): a summary per intervention
/// and figure in words, as the reader sees the figures; the office also gets every changed value.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed partial class RestatementPageTests(ApiFactory factory) : ApiTest(factory)
{
    // T1 2025 is adopted; then W4, a woman in X from 2025-04-07 (still open), is registered late.
    // X: active 4 → 5 (women 2 → 3), new 3 → 4 (1 → 2), ongoing 2 → 3 (1 → 2),
    // cost per participant 210 000/4 → 210 000/5; the Preparatory subtotal 6 → 7, 5 → 6, 3 → 4.
    private async Task<ReportFixture> LateRegistrationAfterAdoptionAsync()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        await (await Users.OfficeOf(f.Association.Id).PostAsync($"/api/v1/associations/{f.Association.Id}/reports/tertial/2025/1/close",
            new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Users.OfficeOf(f.Association.Id).IdentifiedAsync(Data, f.X.Id, TestPersonnummer.Woman(4), new DateOnly(2025, 4, 7));
        return f;
    }

    private async Task<string> PageAsync(UserRole role, long associationId)
    {
        using var client = await UiSession.SignInAsync(Factory, role, associationId, null);
        using var response = await client.GetAsync("/rapport/2025/1?vy=aktuell", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task Board_SeesOnlyWhatChangedInWhatItSees_NoSmallToSmallAndNoFullList()
    {
        var f = await LateRegistrationAfterAdoptionAsync();

        var html = await PageAsync(UserRole.BoardMember, f.Association.Id);

        // Every count the late registration changes was hidden from the board when T1 was adopted
        // (X's counts are small, and the Preparatory subtotal 6 and its 5 new would give them away),
        // and what the board was not shown then stays hidden: "x → 7" would loosen the adopted
        // masks. So nothing the board sees has changed, and the page says so in words.
        Assert.Contains("Inga siffror som du ser har ändrats sedan rapporten fastställdes.", Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("x → 7", Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("x → x", Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<5 → <5", Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("rattelser-alla", html, StringComparison.Ordinal);
        Assert.Contains("Fastställd, med rättelser", Text(html), StringComparison.Ordinal);
        AssertNoDataPaths(html);
    }

    /// <summary>
    /// The adopted report's masks never loosen: every count the board's adopted T1 withheld is
    /// withheld in today's figures of T1 too (the API's presentation, cell by cell).
    /// </summary>
    [Fact]
    public async Task Board_TodaysFiguresOfAnAdoptedTertial_WithholdEverythingTheAdoptedReportWithheld()
    {
        var f = await LateRegistrationAfterAdoptionAsync();
        var board = Users.BoardOf(f.Association.Id);

        var adopted = MaskedCells(await board.ReportAsync(f.Association.Id, 2025, 1));
        var current = MaskedCells(await board.ReportAsync(f.Association.Id, 2025, 1, view: "current"));

        Assert.NotEmpty(adopted);
        Assert.Empty(adopted.Except(current));

        // The masks are kept with the adopted report, so they hold whatever the year brings.
        var kept = await Factory.WithDbAsync(db => db.ReportAdoptions.AsNoTracking().Where(a => a.AssociationId == f.Association.Id)
            .Select(a => new { a.BoardPeriodMasks, a.BoardYearToDateMasks }).SingleAsync(Ct));
        Assert.Contains("intervention:", kept.BoardPeriodMasks, StringComparison.Ordinal);
        Assert.Contains("intervention:", kept.BoardYearToDateMasks, StringComparison.Ordinal);
    }

    /// <summary>Each withheld cell of the presentation's tables, named by part, row heading and column.</summary>
    private static HashSet<string> MaskedCells(JsonObject report)
    {
        var cells = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in report["presentation"]!["parts"]!.AsArray())
        {
            var columns = part!["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            foreach (var row in part["rows"]!.AsArray())
            {
                var values = row!["cells"]!.AsArray();
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i]!["masked"]!.GetValue<bool>())
                    {
                        cells.Add($"{part["id"].Str()} / {values[0]!["text"].Str()} / {columns[i]}");
                    }
                }
            }
        }

        return cells;
    }

    [Fact]
    public async Task Office_SeesExactChangesPerIntervention_AndEveryChangedValueInWords()
    {
        var f = await LateRegistrationAfterAdoptionAsync();

        var html = await PageAsync(UserRole.AssociationAdmin, f.Association.Id);

        // With exact figures every subtotal only repeats X's change: X alone.
        AssertLines(
            [
                "## Arbetsträning · Alfa utförare",
                "- Aktiva: 4 → 5",
                "- % av plan: 40,0 → 50,0",
                "- Nya: 3 → 4",
                "- Pågående vid periodens slut: 2 → 3",
                "- Aktiva kvinnor: 2 → 3",
                "- Nya kvinnor: 1 → 2",
                "- Pågående kvinnor vid periodens slut: 1 → 2",
                "- Kostnad per deltagare (kr): 52 500 → 42 000",
                "- Deltagare i år: 4 → 5",
            ],
            Summary(html));

        // The full list: the 32 values the API lists (X, the two subtotals and the total, eight each), in words.
        var full = Text(Region(html, "<details id=\"rattelser-alla\"", "</details>"));
        Assert.Contains("Alla ändrade värden (32)", full, StringComparison.Ordinal);
        Assert.Contains("Individinriktade insatser › Förberedande › Arbetsträning › Aktiva › kvinnor 2 3", full, StringComparison.Ordinal);
        Assert.Contains("Totalt › Deltagare i kostnad per deltagare 26 27", full, StringComparison.Ordinal);
        AssertNoDataPaths(html);
    }

    [Fact]
    public async Task NothingChanged_SaysSo()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        await (await Users.OfficeOf(f.Association.Id).PostAsync($"/api/v1/associations/{f.Association.Id}/reports/tertial/2025/1/close",
            new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var text = Text(await PageAsync(UserRole.BoardMember, f.Association.Id));

        Assert.Contains("Inga siffror har ändrats sedan rapporten fastställdes.", text, StringComparison.Ordinal);
        Assert.Contains("Fastställd, inga rättelser sedan dess", text, StringComparison.Ordinal);
    }

    private static void AssertLines(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        Assert.True(expected.SequenceEqual(actual),
            $"restatement summary:\nexpected\n  {string.Join("\n  ", expected)}\nactual\n  {string.Join("\n  ", actual)}");

    private static void AssertNoDataPaths(string html)
    {
        foreach (var path in new[] { "sections[", "interventionId=", "figures.", "orientation=" })
        {
            Assert.DoesNotContain(path, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    /// <summary>The summary as a reader reads it: "## heading" per group and "- line" per changed figure.</summary>
    private static List<string> Summary(string html) =>
        [.. Item().Matches(Region(html, "<div id=\"rattelser\"", "</div>"))
            .Select(m => (m.Groups["tag"].Value == "h3" ? "## " : "- ") + Text(m.Groups["text"].Value))];

    private static string Region(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} on the page");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")).Replace('\u00a0', ' ').Replace('\u202f', ' '), " ").Trim();

    [GeneratedRegex(@"<(?<tag>h3|li)>(?<text>.*?)</\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex Item();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
