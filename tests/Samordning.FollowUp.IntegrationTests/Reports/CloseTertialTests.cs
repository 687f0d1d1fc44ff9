using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>Closing a tertial keeps its report as adopted; later data shows as a restatement (domain §7).</summary>
[Collection(ApiTestGroup.Name)]
public sealed class CloseTertialTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> CloseAsync(long associationId, int year, int tertial, string? adoptedBy = "Förbundsstyrelsen") =>
        Office.PostAsync($"/api/v1/associations/{associationId}/reports/tertial/{year}/{tertial}/close", new JsonObject { ["adoptedBy"] = adoptedBy, ["overrideReason"] = "Prövas inte här: utförarnas rapportering." });

    [Fact]
    public async Task Close_StoresTheReportAsAdopted()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var draft = (await Office.ReportAsync(f.Association.Id, 2025, 1))["report"]!.AsObject();

        var response = await CloseAsync(f.Association.Id, 2025, 1, "  Förbundsstyrelsen  ");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var closed = await response.ReadJsonAsync();
        Assert.Equal("Adopted", closed["status"].Str());
        var header = closed["report"]!["header"]!;
        Assert.Equal("Förbundsstyrelsen", header["adoptedBy"].Str());
        Assert.Equal(TestDates.Now.UtcDateTime, header["adoptedAtUtc"]!.GetValue<DateTime>().ToUniversalTime());
        // The figures are the draft's.
        Assert.True(JsonNode.DeepEquals(draft["total"], closed["report"]!["total"]), "adopted total differs from the draft's");

        var read = await Office.ReportAsync(f.Association.Id, 2025, 1);
        Assert.Equal("Adopted", read["status"].Str());
        Assert.True(JsonNode.DeepEquals(closed["report"], read["report"]),
            $"GET does not return the report as adopted:\n{closed["report"]!.ToJsonString()}\n{read["report"]!.ToJsonString()}");
        Assert.Empty(read["differences"]!.AsArray());

        Assert.True(JsonNode.DeepEquals(closed["report"], (await Office.ReportAsync(f.Association.Id, 2025, 1, view: "adopted"))["report"]),
            "view=adopted is not the adopted report");

        // Nothing has changed since: view=current restates the same figures, with no differences.
        var current = await Office.ReportAsync(f.Association.Id, 2025, 1, view: "current");
        Assert.Equal("Restated", current["status"].Str());
        Assert.Empty(current["differences"]!.AsArray());

        // Year to date is adopted too.
        var ytd = await Office.ReportAsync(f.Association.Id, 2025, 1, "YearToDate");
        Assert.Equal(("Adopted", "YearToDate", "Förbundsstyrelsen"),
            (ytd["status"].Str(), ytd["report"]!["header"]!["mode"].Str(), ytd["report"]!["header"]!["adoptedBy"].Str()));

        // Other tertials stay drafts.
        Assert.Equal("Draft", (await Office.ReportAsync(f.Association.Id, 2025, 2))["status"].Str());
    }

    [Fact]
    public async Task LateRegistration_LeavesTheAdoptedReportAndShowsAsRestatement()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var closed = await (await CloseAsync(f.Association.Id, 2025, 1)).ReadJsonAsync();
        var closedYtd = (await Office.ReportAsync(f.Association.Id, 2025, 1, "YearToDate"))["report"];

        // Late data, accepted: W4, a woman in X from 2025-04-07, still open.
        await Office.IdentifiedAsync(Data, f.X.Id, TestPersonnummer.Woman(4), new DateOnly(2025, 4, 7));

        var adopted = await Office.ReportAsync(f.Association.Id, 2025, 1);
        Assert.Equal("Adopted", adopted["status"].Str());
        Assert.True(JsonNode.DeepEquals(closed["report"], adopted["report"]), "the adopted report changed after a late registration");
        adopted["report"]!["total"]!["active"].AssertCount(3, 3, "adopted total active");
        var adoptedYtd = await Office.ReportAsync(f.Association.Id, 2025, 1, "YearToDate");
        Assert.True(JsonNode.DeepEquals(closedYtd, adoptedYtd["report"]), "the adopted year-to-date report changed");

        var current = await Office.ReportAsync(f.Association.Id, 2025, 1, view: "current");
        Assert.Equal("Restated", current["status"].Str());
        var report = current["report"]!.AsObject();
        report["total"]!["active"].AssertCount(4, 3, "current total active");
        Assert.Null(report["header"]!["adoptedAtUtc"]);

        // W4 is active, new and ongoing at the end; the cost per participant divides by one more.
        // Row X: 4 → 5 active year to date, 210 000/4 = 52 500 → 210 000/5 = 42 000.
        // Preparatory and IndividualFocused: 6 → 7, 300 000/6 = 50 000 → 42 857.
        // Total: 26 → 27, 350 000/26 = 13 462 → 350 000/27 = 12 963.
        var row = $"sections[orientation=IndividualFocused].categories[category=Preparatory].interventions[interventionId={f.X.Id}].figures";
        var category = "sections[orientation=IndividualFocused].categories[category=Preparatory].subtotal";
        var section = "sections[orientation=IndividualFocused].subtotal";
        // (node, active women, active total, new women, new total, ongoing women, ongoing total, cost per participant, denominator),
        // each as adopted → current.
        var nodes = new (string Node, (int, int) ActiveW, (int, int) ActiveT, (int, int) NewW, (int, int) NewT,
            (int, int) OngoingW, (int, int) OngoingT, (int, int) Cost, (int, int) Denominator)[]
        {
            (row, (2, 3), (4, 5), (1, 2), (3, 4), (1, 2), (2, 3), (52_500, 42_000), (4, 5)),
            (category, (3, 4), (6, 7), (2, 3), (5, 6), (1, 2), (3, 4), (50_000, 42_857), (6, 7)),
            (section, (3, 4), (6, 7), (2, 3), (5, 6), (1, 2), (3, 4), (50_000, 42_857), (6, 7)),
            ("total", (3, 4), (6, 7), (2, 3), (5, 6), (1, 2), (3, 4), (13_462, 12_963), (26, 27)),
        };
        var expected = nodes.SelectMany(n => new[]
        {
            ($"{n.Node}.active.women", n.ActiveW),
            ($"{n.Node}.active.total", n.ActiveT),
            ($"{n.Node}.new.women", n.NewW),
            ($"{n.Node}.new.total", n.NewT),
            ($"{n.Node}.ongoingAtEnd.women", n.OngoingW),
            ($"{n.Node}.ongoingAtEnd.total", n.OngoingT),
            ($"{n.Node}.costPerParticipantSek", n.Cost),
            ($"{n.Node}.costPerParticipantDenominator", n.Denominator),
        }).Select(d => (Path: d.Item1, Adopted: $"{d.Item2.Item1}", Current: $"{d.Item2.Item2}")).ToList();

        var actual = current["differences"].Objects().Select(d => (d["path"].Str(), d["adopted"].Str(), d["current"].Str()))
            .OrderBy(d => d.Item1, StringComparer.Ordinal).ToList();
        var wanted = expected.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
        Assert.True(wanted.SequenceEqual(actual),
            $"differences:\nexpected\n  {string.Join("\n  ", wanted)}\nactual\n  {string.Join("\n  ", actual)}");

        // Year to date restates too.
        var currentYtd = await Office.ReportAsync(f.Association.Id, 2025, 1, "YearToDate", "current");
        Assert.Equal("Restated", currentYtd["status"].Str());
        Assert.Contains(currentYtd["differences"].Objects(), d => d["path"].Str() == "total.active.total" && d["current"].Str() == "7");
    }

    [Fact]
    public async Task Close_SecondTime_Returns409()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        await (await CloseAsync(f.Association.Id, 2025, 1, "Styrelsen")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await CloseAsync(f.Association.Id, 2025, 1, "Någon annan");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Styrelsen", (await Office.ReportAsync(f.Association.Id, 2025, 1))["report"]!["header"]!["adoptedBy"].Str());
    }

    [Theory]
    [InlineData(2026, 3)] // runs until 2026-12-31; today is 2026-11-23
    [InlineData(2027, 1)]
    public async Task Close_TertialNotEnded_Returns400Tertial(int year, int tertial)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var response = await CloseAsync(f.Association.Id, year, tertial);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
        Assert.Equal("Draft", (await Office.ReportAsync(f.Association.Id, year, tertial))["status"].Str());
    }

    [Fact]
    public async Task Close_TertialThatEndedYesterday_IsAllowed()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        try
        {
            // 2026-09-01 08:00 in Sweden: T2 2026 ended yesterday.
            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero));
            await (await CloseAsync(f.Association.Id, 2026, 2)).ShouldHaveStatusAsync(HttpStatusCode.OK);

            // 2026-12-31 23:30 in Sweden: T3 2026 has not ended yet.
            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero));
            await (await CloseAsync(f.Association.Id, 2026, 3)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Close_WithoutAdoptedBy_Returns400AdoptedBy(string? adoptedBy)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var response = await CloseAsync(f.Association.Id, 2025, 1, adoptedBy);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "adoptedBy");
    }

    [Fact]
    public async Task Close_UnknownAssociation_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await CloseAsync(987654, 2025, 1);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
