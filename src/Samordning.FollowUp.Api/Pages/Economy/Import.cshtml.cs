using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.Api.Pages.Economy;

/// <summary>
/// Actual costs from the accounting: the file is read and shown first (every row that cannot be
/// read, and the sums per tertial it would write); "Spara utfallet" sends the same file again with
/// commit, and the handler writes all of it or nothing.
/// </summary>
internal sealed class ImportModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    [BindProperty]
    public string? ContentBase64 { get; set; }

    public ImportActualCostsResponse? Preview { get; private set; }

    protected override string FormPrefix => string.Empty;

    public void OnGet() => Year ??= Today.Year;

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Välj en fil att läsa in.");
            return Page();
        }

        using var stream = new MemoryStream();
        await Upload.CopyToAsync(stream, Aborted);
        FileName = Path.GetFileName(Upload.FileName);
        ContentBase64 = Convert.ToBase64String(stream.ToArray());
        (_, Preview) = await TrySendAsync(new ImportActualCostsCommand(FileName, ContentBase64, Commit: false) { AssociationId = AssociationId });
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync()
    {
        var (ok, result) = await TrySendAsync(new ImportActualCostsCommand(FileName, ContentBase64, Commit: true) { AssociationId = AssociationId });
        if (!ok)
        {
            return Page();
        }

        Confirm($"Utfallet från {FileName} är sparat: {result!.Costs.Count} belopp per tertial.");
        var year = result.Costs.Select(c => c.Year).DefaultIfEmpty(Year ?? Today.Year).Max();
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/kansli/ekonomi?ar={year}#insatser"));
    }
}
