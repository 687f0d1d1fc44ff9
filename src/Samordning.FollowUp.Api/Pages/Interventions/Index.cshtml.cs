using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>
/// The association's interventions of a year by orientation, plan beside actual figures with a
/// subtotal per orientation and the association's total, and the
/// intake setting the providers' forms start with (the consent text version).
/// </summary>
internal sealed class IndexModel : OfficePage
{
    [BindProperty]
    public IntakeSettingsForm Input { get; set; } = new();

    /// <summary>The year the list shows (?ar=2026); this year when not given.</summary>
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    public InterventionYearListResponse List { get; private set; } = null!;

    /// <summary>The rows per orientation, in the code list's order.</summary>
    public IReadOnlyList<IGrouping<Orientation, InterventionYearRow>> Groups { get; private set; } = [];

    public IEnumerable<SelectListItem> YearOptions =>
        Enumerable.Range(Math.Min(List.Year, Today.Year) - 5, Math.Max(List.Year, Today.Year + 1) - Math.Min(List.Year, Today.Year) + 6)
            .Reverse()
            .Select(y => new SelectListItem(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), y == List.Year));

    public InterventionYearFigures Subtotal(IEnumerable<InterventionYearRow> rows) =>
        InterventionYearFigures.Sum(List.Year, rows.Select(r => r.Figures));

    /// <summary>"2026-01-01 – 2027-12-31" or "från 2026-01-01", each date kept on one line.</summary>
    public static HtmlString Period(DateOnly start, DateOnly? end)
    {
        static string Date(DateOnly date) => $"<span class=\"nowrap\">{SwedishFormat.Date(date)}</span>";
        return new HtmlString(end is { } e ? $"{Date(start)} – {Date(e)}" : $"från {Date(start)}");
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var association = await Sender.Send(new GetAssociationQuery(AssociationId), Aborted);
        Input = new IntakeSettingsForm { DefaultConsentTextVersion = association.DefaultConsentTextVersion };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, saved) = await TrySendAsync(new SetIntakeSettingsCommand(Input.DefaultConsentTextVersion) { AssociationId = AssociationId });
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }

        Confirm(saved!.DefaultConsentTextVersion is { } version
            ? $"Inskrivningen fyller nu i samtyckestextens version {version}."
            : "Inskrivningen fyller inte längre i någon version av samtyckestexten.");
        return Redirect("/kansli/insatser");
    }

    private async Task LoadAsync()
    {
        var year = Year is >= 2000 and <= 2100 ? Year : null;
        List = await Sender.Send(new ListInterventionFiguresQuery(year) { AssociationId = AssociationId }, Aborted);
        Groups = [.. List.Interventions.GroupBy(i => i.Orientation).OrderBy(g => g.Key)];
    }

    public sealed class IntakeSettingsForm
    {
        public string? DefaultConsentTextVersion { get; set; }
    }
}
