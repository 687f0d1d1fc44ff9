using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>One figure that differs between the adopted report and the figures as they are now.</summary>
public sealed record ReportDifference(string Path, string? Adopted, string? Current);

/// <summary>Adopted reports are kept as the JSON the board saw; restatement compares JSON trees.</summary>
internal static class ReportSnapshots
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Differences in these say nothing about the figures.
    private static readonly HashSet<string> Ignored = ["generatedAtUtc", "adoptedAtUtc", "adoptedBy", "adoptionOverrideReason", "updatedAtUtc"];

    // Figures the report gained after some reports were adopted: a report adopted without them has
    // null there, which is not a restatement (the board never saw them), so they are compared only
    // where the adopted report has them.
    private static readonly HashSet<string> AddedLater = ["referrals", "progression", "selfReported"];

    public static string Serialize(TertialReport report) => JsonSerializer.Serialize(report, Json);

    public static TertialReport Deserialize(string json) =>
        JsonSerializer.Deserialize<TertialReport>(json, Json) ?? throw new InvalidOperationException("Empty adopted report.");

    /// <summary>The board's masks as kept with an adopted report: the withheld counts' keys and those shown as "&lt;N".</summary>
    public static string SerializeMasks(Disclosure.MaskedCells masks) =>
        JsonSerializer.Serialize(new KeptMasks(masks.Threshold, [.. masks.Keys.Order(StringComparer.Ordinal)], [.. masks.ShownSmall.Order(StringComparer.Ordinal)]), Json);

    public static Disclosure.MaskedCells? DeserializeMasks(string? json)
    {
        if (json is null || JsonSerializer.Deserialize<KeptMasks>(json, Json) is not { } kept)
        {
            return null;
        }

        return new Disclosure.MaskedCells(kept.Threshold, kept.Masked.ToHashSet(StringComparer.Ordinal), kept.ShownSmall.ToHashSet(StringComparer.Ordinal));
    }

    private sealed record KeptMasks(int Threshold, IReadOnlyList<string> Masked, IReadOnlyList<string> ShownSmall);

    /// <summary>
    /// Every value that differs, named by a readable path: array items are named by their
    /// intervention, category, orientation, code or provider rather than by position, so an
    /// intervention added since adoption does not shift every row after it.
    /// </summary>
    public static List<ReportDifference> Compare(TertialReport adopted, TertialReport current)
    {
        var differences = new List<ReportDifference>();
        Walk(JsonSerializer.SerializeToNode(adopted, Json), JsonSerializer.SerializeToNode(current, Json), "", differences);
        return differences;
    }

    private static void Walk(JsonNode? adopted, JsonNode? current, string path, List<ReportDifference> differences)
    {
        switch (adopted, current)
        {
            case (JsonObject a, JsonObject c):
                foreach (var name in a.Select(p => p.Key).Union(c.Select(p => p.Key))
                             .Where(n => !Ignored.Contains(n) && !(AddedLater.Contains(n) && a[n] is null)))
                {
                    Walk(a[name], c[name], path.Length == 0 ? name : $"{path}.{name}", differences);
                }

                break;
            case (JsonArray a, JsonArray c):
                var adoptedItems = Keyed(a);
                var currentItems = Keyed(c);
                foreach (var key in adoptedItems.Keys.Union(currentItems.Keys))
                {
                    Walk(adoptedItems.GetValueOrDefault(key), currentItems.GetValueOrDefault(key), $"{path}[{key}]", differences);
                }

                break;
            default:
                var before = Scalar(adopted);
                var after = Scalar(current);
                if (before != after)
                {
                    differences.Add(new ReportDifference(path, before, after));
                }

                break;
        }
    }

    private static Dictionary<string, JsonNode?> Keyed(JsonArray items)
    {
        var result = new Dictionary<string, JsonNode?>();
        for (var i = 0; i < items.Count; i++)
        {
            var key = items[i] is JsonObject o ? KeyOf(o) ?? i.ToString(CultureInfo.InvariantCulture) : i.ToString(CultureInfo.InvariantCulture);
            result[key] = items[i];
        }

        return result;
    }

    private static string? KeyOf(JsonObject item)
    {
        foreach (var name in new[] { "interventionId", "providerId", "category", "orientation", "code" })
        {
            if (item[name] is JsonValue value)
            {
                return $"{name}={value}";
            }
        }

        return null;
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
