using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// The figures the national system Uppföljning Finsam (Försäkringskassan's) asks for, for a
/// year: the rows of ExportUppfoljningFinsamQuery in the export's own columns, so the page shows
/// exactly what the Excel and CSV files (the API's export, linked here) carry.
/// </summary>
internal sealed class UppfoljningFinsamModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    public DocumentTable? Table { get; private set; }

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    public async Task OnGetAsync()
    {
        Year ??= TertialChoice.MostRecentEnded(Today).Year;
        var (ok, rows) = await TrySendAsync(new ExportUppfoljningFinsamQuery(AssociationId, Year.Value));
        Table = ok ? UppfoljningFinsamExport.Table(rows!, Year.Value) : null;
    }

    /// <summary>The export file of the year (the API's endpoint, audited there).</summary>
    public string FileLink(string format) => string.Create(CultureInfo.InvariantCulture,
        $"/api/v1/associations/{AssociationId}/exports/uppfoljning-finsam/{Year}?format={format}");
}
