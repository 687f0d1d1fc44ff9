using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as one CSV table for Swedish Excel: a row per intervention, per category
/// and orientation subtotal and the association's total, with the section sheets' columns
/// after "Radtyp" and "Inriktning".
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportCsv
{
    public static void Write(TertialReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        CsvTable.Write(output, ReportColumns.Csv(report.Header), ReportLines.All(report));
    }
}
