using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>Reading a presentation in tests: rows by name, cells by heading, text with plain spaces.</summary>
internal static class PresentationReading
{
    public const string DraftBanner = "Utkast – siffrorna kan ändras tills tertialen fastställs";
    public const string ExactBanner = "Innehåller exakta tal – lämnas inte ut";

    /// <summary>The report as its reader sees it, for a given status.</summary>
    public static ReportPresentation Present(TertialReport report, ReportStatus status, ReportAudience audience, int threshold = 5, PlanThresholds? plan = null) =>
        ReportPresenter.Present(new TertialReportView(status, report, []), audience, threshold, plan);

    /// <summary>No-break spaces as plain spaces, so "1 234 kr" can be written in a test.</summary>
    public static string Plain(this string? text) => (text ?? string.Empty).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    public static IEnumerable<DocumentRow> Lines(this DocumentTable table) => table.Rows.Where(r => r.Kind != RowKind.Band);

    public static DocumentRow Row(this DocumentTable table, string name) => table.Lines().Single(r => r.Cells[0].Display() == name);

    public static int Column(this DocumentTable table, string heading) =>
        table.Columns.Select((c, i) => (c, i)).Single(x => x.c.Heading == heading).i;

    public static TableCell Cell(this DocumentTable table, string row, string heading) => table.Row(row).Cells[table.Column(heading)];

    /// <summary>The cell as shown, with plain spaces.</summary>
    public static string Shown(this DocumentTable table, string row, string heading) => table.Cell(row, heading).Display().Plain();

    /// <summary>A figure withheld from the reader: "&lt;N" or "x" in its place (not "–", which says there is nothing to show).</summary>
    public static bool IsHidden(this TableCell cell) =>
        cell.Kind != CellKind.Text && cell.Number is null && (cell.Text == "x" || cell.Text?.StartsWith('<') == true);

    public static KeyFigure Figure(this ReportPresentation presentation, string label) => presentation.KeyFigures.Single(f => f.Label == label);
}
