using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Small helpers for the report tests: arranging through the API, reading report JSON, running jobs.</summary>
public static class ReportTestKit
{
    public static async Task<InterventionDto> InterventionAsync(
        this ApiClient api, long associationId, long providerId, string name, Mode mode, string category, DateOnly start,
        DateOnly? end = null, int expectedLengthWeeks = 26)
    {
        var body = TestData.Intervention(providerId, mode, start, end ?? new DateOnly(2027, 12, 31));
        body["name"] = name;
        body["category"] = category;
        body["expectedLengthWeeks"] = expectedLengthWeeks;
        return await (await api.PostAsync($"/api/v1/associations/{associationId}/interventions", body))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);
    }

    public static async Task PlanAsync(this ApiClient api, long interventionId, int year, int planned, long budget, long actual) =>
        await (await api.PutAsync($"/api/v1/interventions/{interventionId}/plans/{year}", new JsonObject
        {
            ["plannedParticipants"] = planned,
            ["budgetSek"] = budget,
            ["actualCostSek"] = actual,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);

    /// <summary>Registers an identified participant (step 2 at start) and, when an end is given, the exit.</summary>
    public static async Task<ParticipationDto> IdentifiedAsync(
        this ApiClient api, TestData data, long interventionId, string pnr, DateOnly start,
        DateOnly? end = null, string reason = "PlannedCompletion", string? occupation = "Employed", int? stepAtExit = 4)
    {
        var participation = await data.ParticipationAsync(interventionId, TestData.Identified(pnr, start));
        return end is { } e ? await ExitAsync(data, participation.Id, e, reason, occupation, stepAtExit) : participation;
    }

    /// <summary>Registers an anonymous participant (step 2 at start) and, when an end is given, the exit.</summary>
    public static async Task<ParticipationDto> AnonymousAsync(
        this ApiClient api, TestData data, long interventionId, string gender, DateOnly start,
        DateOnly? end = null, string reason = "PlannedCompletion", string? occupation = "Employed", int? stepAtExit = 4)
    {
        var participation = await data.ParticipationAsync(interventionId, TestData.Anonymous(gender, 1990, start));
        return end is { } e ? await ExitAsync(data, participation.Id, e, reason, occupation, stepAtExit) : participation;
    }

    private static Task<ParticipationDto> ExitAsync(
        TestData data, long participationId, DateOnly end, string reason, string? occupation, int? stepAtExit)
    {
        var body = TestData.Exit(end, reason, occupation);
        body["stepAtExit"] = stepAtExit;
        return data.ExitAsync(participationId, body);
    }

    public static string ReportPath(long associationId, int year, int tertial, string mode = "Period", string? view = null) =>
        $"/api/v1/associations/{associationId}/reports/tertial/{year}/{tertial}?mode={mode}" + (view is null ? "" : $"&view={view}");

    /// <summary>GET the report; returns the whole view: {status, report, differences}.</summary>
    public static async Task<JsonObject> ReportAsync(this ApiClient api, long associationId, int year, int tertial, string mode = "Period", string? view = null)
    {
        var response = await api.GetAsync(ReportPath(associationId, year, tertial, mode, view));
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The association's total of a figure ("active", "ended" …), women and men together, in the office's exact report.</summary>
    public static int TotalOf(this JsonObject view, string figure)
    {
        var count = view["report"]!["total"]![figure]!;
        return count["women"]!.GetValue<int>() + count["men"]!.GetValue<int>();
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static IEnumerable<JsonObject> Objects(this JsonNode? array) => array!.AsArray().Select(n => n!.AsObject());

    public static JsonObject Section(this JsonObject report, string orientation) =>
        report["sections"].Objects().Single(s => s["orientation"]!.GetValue<string>() == orientation);

    public static JsonObject Category(this JsonObject report, string orientation, string category) =>
        report.Section(orientation)["categories"].Objects().Single(c => c["category"]!.GetValue<string>() == category);

    public static IEnumerable<JsonObject> Rows(this JsonObject report) =>
        report["sections"].Objects().SelectMany(s => s["categories"].Objects()).SelectMany(c => c["interventions"].Objects());

    public static JsonObject Row(this JsonObject report, long interventionId) =>
        report.Rows().Single(r => r["interventionId"]!.GetValue<long>() == interventionId);

    public static JsonObject Figures(this JsonObject report, long interventionId) => report.Row(interventionId)["figures"]!.AsObject();

    public static string Str(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";

    public static decimal Num(this JsonNode? node) => decimal.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static decimal? NumOrNull(this JsonNode? node) => node is null ? null : node.Num();

    /// <summary>Asserts a {women, men, total} count.</summary>
    public static void AssertCount(this JsonNode? count, int women, int men, string what)
    {
        Assert.True(count is not null, $"{what}: missing");
        var actual = (count!["women"].Num(), count["men"].Num(), count["total"].Num());
        Assert.True(actual == (women, men, women + men), $"{what}: expected women {women}, men {men}, total {women + men} but got {count.ToJsonString()}");
    }

    /// <summary>Active, new, ended and ongoing at the period's end, each as (women, men).</summary>
    public static void AssertCounts(
        this JsonObject figures, string what, (int W, int M) active, (int W, int M) @new, (int W, int M) ended, (int W, int M) ongoing)
    {
        figures["active"].AssertCount(active.W, active.M, $"{what} active");
        figures["new"].AssertCount(@new.W, @new.M, $"{what} new");
        figures["ended"].AssertCount(ended.W, ended.M, $"{what} ended");
        figures["ongoingAtEnd"].AssertCount(ongoing.W, ongoing.M, $"{what} ongoingAtEnd");
    }

    /// <summary>The code list (exits by reason, occupation at exit): these codes with these counts, every other code 0.</summary>
    public static void AssertCodes(this JsonNode? list, string what, params (string Code, int Count)[] expected)
    {
        var actual = list.Objects().ToDictionary(c => c["code"].Str(), c => (int)c["count"].Num());
        foreach (var item in list.Objects())
        {
            Assert.False(string.IsNullOrWhiteSpace(item["label"].Str()), $"{what}: {item["code"].Str()} has no label");
        }

        var nonZero = actual.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        var wanted = expected.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => $"{e.Code}={e.Count}");
        Assert.True(wanted.SequenceEqual(nonZero), $"{what}: expected [{string.Join(", ", wanted)}] but got [{string.Join(", ", nonZero)}]");
    }

    /// <summary>Plan, money and cost per participant of one figures object.</summary>
    public static void AssertMoney(
        this JsonObject f, string what, int planned, decimal proRata, long budget, long cost, decimal? usedPercent, long? perParticipant, int denominator)
    {
        var actual = (f["plannedParticipantsYear"].Num(), f["plannedParticipantsProRata"].Num(), f["budgetSek"].Num(), f["actualCostSek"].Num(),
            f["budgetUsedPercent"].NumOrNull(), f["costPerParticipantSek"].NumOrNull(), f["costPerParticipantDenominator"].Num());
        var expected = ((decimal)planned, proRata, (decimal)budget, (decimal)cost, usedPercent, (decimal?)perParticipant, (decimal)denominator);
        Assert.True(expected == actual,
            $"{what}: expected (planned, proRata, budget, cost, used%, perParticipant, denominator) = {expected} but got {actual}");
    }
}
