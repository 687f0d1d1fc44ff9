using System.Text.Json.Serialization;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>Who reads the report: the board (and anyone it is handed to) sees masked counts; the office sees exact ones.</summary>
public enum ReportAudience
{
    Board,
    Office,
}

/// <summary>Participants against the plan: within the association's band, below it or above it.</summary>
public enum PlanStatus
{
    OnTrack,
    Below,
    Above,
    NoPlan,
    Hidden,
}

/// <summary>How a key figure reads at a glance (colour with words and a symbol, never colour alone).</summary>
public enum FigureTone
{
    Neutral,
    Good,
    Bad,
    Caution,
}

/// <summary>
/// The band within which participants against plan are "enligt plan" (defaults 90–110 %: a tenth
/// off the plan either way is normal variation in the förbund plans; each association may set its own).
/// </summary>
public sealed record PlanThresholds(int BelowPercent, int AbovePercent)
{
    public static readonly PlanThresholds Default = new(90, 110);
}

/// <summary>
/// The board's tertial report as it is read: every heading, label, status and figure, already
/// masked for its audience. The web page, the xlsx, the PDF and the CSV all render this one
/// model, and the JSON carries it, so they agree figure by figure.
/// </summary>
public sealed record ReportPresentation(
    ReportAudience Audience,
    ReportStatus Status,
    string Title,
    string AssociationName,
    string PeriodText,
    string ModeText,
    string StatusText,
    string GeneratedText,
    // "Utkast – …" on a draft, the exact-figures warning on the office's files; null otherwise.
    IReadOnlyList<string> Banners,
    string MaskingNote,
    string FileStem,
    IReadOnlyList<KeyFigure> KeyFigures,
    IReadOnlyList<PresentedIndicator> Indicators,
    IReadOnlyList<PlanBar> PlanBars,
    IReadOnlyList<PresentedPart> Parts,
    IReadOnlyList<PresentedNote> Notes,
    IReadOnlyList<string> WithoutNote)
{
    public bool IsDraft => Status == ReportStatus.Draft;

    public bool Exact => Audience == ReportAudience.Office;

    public PresentedPart Part(string id) => Parts.Single(p => p.Table.Id == id);

    /// <summary>The report's name without the association's: "Tertialrapport T2 2026".</summary>
    public string Heading { get; init; } = Title;

    /// <summary>"Fastställd utan att alla utförare godkänts: …" when the tertial was adopted with the override; null otherwise.</summary>
    public string? AdoptionNote { get; init; }

    /// <summary>The last six tertials and year to date against last year, for the charts (null when not asked for).</summary>
    public PresentedTrend? Trend { get; init; }
}

/// <summary>Trends for the charts: per indicator a rate per tertial; per tertial active against plan.</summary>
public sealed record PresentedTrend(IReadOnlyList<TrendSeries> Indicators, IReadOnlyList<PlanBar> Volumes);

/// <summary>One indicator over the tertials, oldest first; a rate the reader may not see has no number.</summary>
public sealed record TrendSeries(string Code, string Name, decimal TargetPercent, IReadOnlyList<TrendValue> Values);

public sealed record TrendValue(string Label, double? Rate, string Text);

/// <summary>A figure of the first screen: a label, the value, up to two lines under it, and how it reads.</summary>
public sealed record KeyFigure(string Label, string Value, string? Detail, string? More, FigureTone Tone);

/// <summary>An indicator of the association as its reader may see it; a hidden rate has no number.</summary>
public sealed record PresentedIndicator(
    string Code,
    string Name,
    string Details,
    decimal TargetPercent,
    IndicatorStatus Status,
    string Judgement,
    PresentedRate Total,
    PresentedRate Women,
    PresentedRate Men,
    string? ResponseText);

/// <param name="Rate">Null when the reader may not see it (a count behind it is masked) or there is nothing to divide.</param>
public sealed record PresentedRate(double? Rate, string RateText, string NumeratorText, string DenominatorText);

/// <summary>One intervention's planned and actual participants, for the chart (individual interventions only).</summary>
public sealed record PlanBar(string Intervention, int Planned, int? Actual, string ActualText);

/// <summary>A part of the report: a heading, an optional introduction and its table.</summary>
public sealed record PresentedPart(string Heading, [property: JsonIgnore] DocumentTable Table)
{
    public string Id => Table.Id;

    public string? Introduction => Table.Introduction;

    /// <summary>The table for the JSON: headings, and each row's cells as text with the number (null when hidden).</summary>
    public IReadOnlyList<string> Columns => [.. Table.Columns.Select(c => c.Heading)];

    public IReadOnlyList<PresentedRow> Rows => [.. Table.Rows.Select(r => new PresentedRow(
        r.Kind.ToString(), r.Band, [.. r.Cells.Select(c => new PresentedCell(c.Display(), c.Number, c.Kind != CellKind.Text && c.Number is null && !string.IsNullOrEmpty(c.Text)))]))];
}

public sealed record PresentedRow(string Kind, string? Band, IReadOnlyList<PresentedCell> Cells);

/// <param name="Masked">True when the figure is withheld from this reader ("&lt;5" or "x" in its place).</param>
public sealed record PresentedCell(string Text, decimal? Value, bool Masked);

/// <summary>A provider's words on one intervention for the period.</summary>
public sealed record PresentedNote(string Intervention, string Provider, string Updated, IReadOnlyList<NotePart> Parts);

/// <param name="Text">"Ingen uppgift." when the provider left the part empty.</param>
public sealed record NotePart(string Heading, string Text, bool Empty);
