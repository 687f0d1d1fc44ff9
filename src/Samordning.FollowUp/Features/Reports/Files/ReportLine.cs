using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Features.Reports.Files;

internal enum LineKind
{
    Intervention,
    CategorySubtotal,
    SectionSubtotal,
    Total,
}

/// <summary>One row of the report's tables: an intervention, a subtotal or the association's total.</summary>
internal sealed record ReportLine(LineKind Kind, string Orientation, string Category, string Name, string Provider, ReportFigures Figures)
{
    public bool IsSubtotal => Kind != LineKind.Intervention;

    public string KindLabel => Kind switch
    {
        LineKind.Intervention => "Insats",
        LineKind.CategorySubtotal => "Delsumma kategori",
        LineKind.SectionSubtotal => "Delsumma inriktning",
        _ => "Totalt",
    };
}

/// <summary>The report flattened into lines, in reading order, each category and section followed by its subtotal.</summary>
internal static class ReportLines
{
    public static IEnumerable<ReportLine> All(TertialReport report) =>
        report.Sections.SelectMany(Of).Append(Total(report));

    public static IEnumerable<ReportLine> Of(ReportSection section) =>
        section.Categories.SelectMany(c => Of(section, c)).Append(Subtotal(section));

    public static IEnumerable<ReportLine> Of(ReportSection section, ReportCategory category) =>
        Interventions(section, category).Append(Subtotal(section, category));

    public static IEnumerable<ReportLine> Interventions(ReportSection section, ReportCategory category) =>
        category.Interventions.Select(r =>
            new ReportLine(LineKind.Intervention, section.Label, category.Label, r.Name, r.ProviderName, r.Figures));

    public static ReportLine Subtotal(ReportSection section, ReportCategory category) =>
        new(LineKind.CategorySubtotal, section.Label, category.Label, $"Delsumma {category.Label}", string.Empty, category.Subtotal);

    public static ReportLine Subtotal(ReportSection section) =>
        new(LineKind.SectionSubtotal, section.Label, string.Empty,
            $"Delsumma {ReportText.SectionTitle(section.Orientation).ToLower(SwedishFormat.Culture)}", string.Empty, section.Subtotal);

    public static ReportLine Total(TertialReport report) =>
        new(LineKind.Total, string.Empty, string.Empty, "Totalt", string.Empty, report.Total);

    /// <summary>The data-quality rows summed, as a row named "Totalt".</summary>
    public static DataQualityRow DataQualityTotal(IReadOnlyList<DataQualityRow> rows) => new(
        0,
        "Totalt",
        rows.Sum(r => r.PastExpectedLengthWithoutExit),
        rows.Sum(r => r.ExitsWithoutOutcome),
        rows.Sum(r => r.ExitsWithoutStep),
        rows.Sum(r => r.OverdueFollowUps),
        rows.Sum(r => r.CountOnlyWithoutFigures),
        UnreachableWithTooFewAttempts: rows.Sum(r => r.UnreachableWithTooFewAttempts),
        ContactAttempts: rows.Sum(r => r.ContactAttempts),
        UndecidedReferrals: rows.Sum(r => r.UndecidedReferrals),
        ExitsWithoutMeasurement: rows.Sum(r => r.ExitsWithoutMeasurement));
}
