using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report's own words, written with <see cref="SwedishFormat"/>: the report's title,
/// mode, judgements and sections.
/// </summary>
internal static class ReportText
{
    public static string Mode(ReportMode mode) => mode switch
    {
        ReportMode.Period => "Perioden",
        ReportMode.YearToDate => "Hittills i år",
        _ => mode.ToString(),
    };

    public static string Status(IndicatorStatus status) => SwedishFormat.Label(status);

    /// <summary>The judgement with its symbol, "✓ uppfyllt", "✗ ej uppfyllt", "– för få".</summary>
    public static string Judgement(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Met => "✓ ",
        IndicatorStatus.NotMet => "✗ ",
        _ => "– ",
    } + Status(status);

    public static string SectionTitle(Orientation orientation) => orientation switch
    {
        Orientation.IndividualFocused => "Individinriktade insatser",
        Orientation.Structural => "Strukturövergripande insatser",
        _ => orientation.ToString(),
    };

    public static string Title(ReportHeader header) => $"Tertialrapport T{header.Tertial} {header.Year}";

    /// <summary>How the report prints an adoption made while a provider was not accepted, before the office's reason.</summary>
    public const string OverridePrefix = "Fastställd utan att alla utförare godkänts: ";

    /// <summary>"Fastställd utan att alla utförare godkänts: …" when the tertial was adopted with the override; null otherwise.</summary>
    public static string? AdoptionOverride(ReportHeader header) =>
        header.AdoptionOverrideReason is { Length: > 0 } reason ? OverridePrefix + reason : null;

    public static string Adoption(ReportHeader header) => header.AdoptedAtUtc is { } adopted
        ? $"Fastställd {SwedishFormat.DateOf(adopted)} av {header.AdoptedBy ?? "okänd"}"
        : "Ej fastställd (utkast)";
}
