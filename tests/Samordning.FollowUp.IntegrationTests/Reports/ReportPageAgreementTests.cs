using System.Net;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The web page and the API carry the same presentation: every row of every table on the board's
/// (masked) and the office's (exact) page reads, cell for cell, as the JSON's presentation says.
/// The files are read back against the same presentation in the unit tests (ReportFileAgreementTests).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed partial class ReportPageAgreementTests(ApiFactory factory) : ApiTest(factory)
{
    [GeneratedRegex(@"<tr[^>]*>(?<row>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"<t[hd][^>]*>(?<cell>.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [Theory]
    [InlineData(UserRole.BoardMember)]
    [InlineData(UserRole.AssociationAdmin)]
    public async Task EveryTableOnThePage_ReadsAsTheJsonPresentation(UserRole role)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var api = role == UserRole.BoardMember ? Users.BoardOf(f.Association.Id) : Users.OfficeOf(f.Association.Id);
        var json = await api.ReportAsync(f.Association.Id, 2025, 2, "YearToDate");
        using var client = await UiSession.SignInAsync(Factory, role, f.Association.Id, null);
        using var response = await client.GetAsync("/rapport/2025/2?redovisning=hittills", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var parts = json["presentation"]!["parts"]!.AsArray();
        Assert.NotEmpty(parts);
        var masked = 0;
        foreach (var part in parts)
        {
            var id = part!["id"].Str();
            var expected = part["rows"]!.AsArray()
                .Where(r => r!["kind"].Str() != "Band")
                .Select(r => r!["cells"]!.AsArray().Select(c => c!["text"].Str()).ToList())
                .ToList();
            masked += part["rows"]!.AsArray().Sum(r => r!["cells"]!.AsArray().Count(c => c!["masked"]!.GetValue<bool>()));
            var actual = Rows(html, $"{id}-tabell");
            Assert.True(expected.Count == actual.Count, $"{id}: {expected.Count} rows in the JSON, {actual.Count} on the page");
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].SequenceEqual(actual[i]),
                    $"{id}, row {i}: JSON [{string.Join(" | ", expected[i])}] page [{string.Join(" | ", actual[i])}]");
            }
        }

        // The board's page hides counts; the office's hides none.
        Assert.True(role == UserRole.BoardMember ? masked > 0 : masked == 0, $"{masked} masked cells for {role}");
    }

    /// <summary>The body rows of a table (bands left out), each as the texts of its cells.</summary>
    internal static List<List<string>> Rows(string html, string tableId)
    {
        var start = html.IndexOf($"<table id=\"{tableId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {tableId} on the page");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var body = html[start..end];
        body = body[body.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return
        [
            .. TableRow().Matches(body)
                .Select(m => TableCell().Matches(m.Groups["row"].Value)
                    .Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups["cell"].Value, string.Empty)).Trim())
                    .ToList())
                // A band (orientation, category) is one heading across the table.
                .Where(cells => cells.Count > 1),
        ];
    }
}
