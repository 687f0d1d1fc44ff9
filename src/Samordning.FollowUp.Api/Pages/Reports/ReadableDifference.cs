using System.Globalization;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// A difference between the adopted report and today's figures, with its path in Swedish words
/// ("Individinriktade insatser › Kartläggning › Öppen ingång › Aktiva › kvinnor"), for the
/// office's full list; the API's technical path is not shown to a reader.
/// </summary>
public sealed partial record ReadableDifference(string Where, string Adopted, string Current)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["header"] = "Rubrik",
        ["total"] = "Totalt",
        ["subtotal"] = "Delsumma",
        ["dataQuality"] = "Datakvalitet",
        ["plannedParticipantsYear"] = "Planerat helår",
        ["plannedParticipantsProRata"] = "Planerat för perioden",
        ["active"] = "Aktiva",
        ["new"] = "Nya",
        ["ended"] = "Avslutade",
        ["ongoingAtEnd"] = "Pågående vid periodens slut",
        ["countOnly"] = "Antal (volyminsats)",
        ["exitsByReason"] = "Avslutsorsak",
        ["occupationAtExit"] = "Sysselsättning vid avslut",
        ["indicators"] = "Indikatorer",
        ["budgetSek"] = "Budget (kr)",
        ["actualCostSek"] = "Utfall (kr)",
        ["budgetUsedPercent"] = "Förbrukat (%)",
        ["costPerParticipantSek"] = "Kostnad per deltagare (kr)",
        ["costPerParticipantDenominator"] = "Deltagare i kostnad per deltagare",
        ["costPerParticipantBasis"] = "Underlag för kostnad per deltagare",
        ["women"] = "kvinnor",
        ["men"] = "män",
        ["woman"] = "kvinnor",
        ["man"] = "män",
        ["count"] = "antal",
        ["numerator"] = "täljare",
        ["denominator"] = "nämnare",
        ["missingData"] = "saknar uppgift",
        ["reached"] = "nådda",
        ["rate"] = "andel (%)",
        ["rateOfReached"] = "andel av nådda (%)",
        ["responseRate"] = "svarsfrekvens (%)",
        ["met"] = "uppfyllt",
        ["tooFew"] = "för få",
        ["status"] = "bedömning",
        ["name"] = "namn",
        ["providerName"] = "utförare",
        ["note"] = "kommentar",
        ["pastExpectedLengthWithoutExit"] = "pågående längre än förväntat utan avslut",
        ["exitsWithoutOutcome"] = "avslut utan sysselsättning vid avslut",
        ["exitsWithoutStep"] = "avslut utan steg",
        ["overdueFollowUps"] = "försenade uppföljningar",
    };

    // Counts of people: masked outside the office like every other count.
    private static readonly HashSet<string> PeopleCounts =
    [
        "women", "men", "total", "count", "numerator", "denominator", "missingData", "reached", "costPerParticipantDenominator",
        "pastExpectedLengthWithoutExit", "exitsWithoutOutcome", "exitsWithoutStep", "overdueFollowUps",
    ];

    [GeneratedRegex(@"^(?<name>[^\[]*)(\[(?<key>[^=\]]+)=(?<value>[^\]]*)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    public static ReadableDifference Of(ReportDifference difference, TertialReport current, Counts counts)
    {
        ArgumentNullException.ThrowIfNull(difference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(counts);
        var segments = Split(difference.Path);
        var words = new List<string>();
        foreach (var segment in segments)
        {
            var match = Segment().Match(segment);
            var name = match.Groups["name"].Value;
            if (match.Groups["key"].Success)
            {
                words.Add(Item(match.Groups["key"].Value, match.Groups["value"].Value.Trim('"'), current));
            }
            else if (name is not ("figures" or "sections" or "categories" or "interventions"))
            {
                words.Add(Names.GetValueOrDefault(name, name));
            }
        }

        var leaf = segments.Count > 0 ? Segment().Match(segments[^1]).Groups["name"].Value : string.Empty;
        var masked = PeopleCounts.Contains(leaf) ? counts : Counts.Exact;
        string Shown(string? json) => leaf == "status" && json is not null ? (Enum.TryParse<IndicatorStatus>(json.Trim('"'), out var status) ? ReportText.Status(status) : json.Trim('"')) : Value(json, masked);
        return new ReadableDifference(string.Join(" › ", words), Shown(difference.Adopted), Shown(difference.Current));
    }

    /// <summary>Splits on dots outside brackets.</summary>
    private static List<string> Split(string path)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '.' when depth == 0:
                    parts.Add(path[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(path[start..]);
        return parts;
    }

    private static string Item(string key, string value, TertialReport current) => key switch
    {
        "orientation" when Enum.TryParse<Orientation>(value, out var orientation) => ReportText.SectionTitle(orientation),
        "category" when Enum.TryParse<InterventionCategory>(value, out var category) => SwedishFormat.Label(category),
        "interventionId" => current.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions)
            .FirstOrDefault(r => r.InterventionId.ToString(CultureInfo.InvariantCulture) == value)?.Name ?? $"insats {value}",
        "providerId" => current.DataQuality.FirstOrDefault(r => r.ProviderId.ToString(CultureInfo.InvariantCulture) == value)?.ProviderName
            ?? $"utförare {value}",
        "code" => CodeName(value, current),
        _ => value,
    };

    private static string CodeName(string code, TertialReport report) =>
        ReportLines.All(report).SelectMany(l => l.Figures.ExitsByReason.Concat(l.Figures.OccupationAtExit))
            .FirstOrDefault(c => c.Code == code)?.Label ?? code;

    private static string Value(string? json, Counts counts)
    {
        if (json is null or "null")
        {
            return "–";
        }

        if (long.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return counts.Of(integer);
        }

        if (double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return SwedishFormat.OneDecimal(number);
        }

        return json switch
        {
            "true" => "ja",
            "false" => "nej",
            _ when json.StartsWith('"') => json.Trim('"'),
            _ => json,
        };
    }
}
