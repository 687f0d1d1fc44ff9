using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>
/// A count-only intervention's figures, one tertial at a time. The page shows what is stored per
/// tertial; replacing a stored figure goes through a confirm step with the old and the new value
/// side by side, and the command itself refuses to replace figures it was not told about.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class SetCountModel : UiPage
{
    public InterventionResponse Intervention { get; private set; } = null!;

    [BindProperty]
    public CountForm Count { get; set; } = new();

    /// <summary>The stored figures the user saw on the confirm step and agreed to replace.</summary>
    [BindProperty]
    public int? ReplacesWomen { get; set; }

    [BindProperty]
    public int? ReplacesMen { get; set; }

    /// <summary>Set when the post would replace stored figures: the page asks first.</summary>
    public InterventionCountResponse? ToReplace { get; private set; }

    protected override string FormPrefix => nameof(Count);

    public InterventionCountResponse? Stored(int year, int tertial) =>
        Intervention.Counts.FirstOrDefault(c => c.Year == year && c.Tertial == tertial);

    public (int Women, int Men) YearSum(int year) =>
        (Intervention.Counts.Where(c => c.Year == year).Sum(c => c.Women), Intervention.Counts.Where(c => c.Year == year).Sum(c => c.Men));

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "ar")] int? year, [FromQuery(Name = "tertial")] int? tertial)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        if (Intervention.RegistrationMode != RegistrationMode.CountOnly)
        {
            return Redirect($"/insatser/{id}/inskrivning");
        }

        var chosenYear = year is >= 2000 and <= 2100 ? year.Value : Today.Year;
        var chosenTertial = tertial is >= 1 and <= 3 ? tertial.Value : Tertials.Of(Today);
        var stored = Stored(chosenYear, chosenTertial);
        Count = new CountForm { Year = chosenYear, Tertial = chosenTertial, Women = stored?.Women, Men = stored?.Men };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        var stored = Count is { Year: { } y, Tertial: { } t } ? Stored(y, t) : null;
        var replaces = ReplacesWomen is { } w && ReplacesMen is { } m ? new CountPair(w, m) : null;
        if (ModelState.IsValid && stored is not null && replaces is null
            && Count.Women is >= 0 && Count.Men is >= 0 && (stored.Women, stored.Men) != (Count.Women, Count.Men))
        {
            // Another figure is stored for that tertial: show both and ask before replacing it.
            ToReplace = stored;
            return Page();
        }

        var (ok, result) = await TrySendAsync(new SetInterventionCountCommand(Count.Women, Count.Men, replaces)
        {
            InterventionId = id,
            Year = Count.Year ?? 0,
            Tertial = Count.Tertial ?? 0,
        });
        if (!ok)
        {
            return Page();
        }

        var saved = result!.Saved;
        var what = $"T{saved.Tertial} {saved.Year}: {saved.Women} kvinnor och {saved.Men} män";
        Confirm((result.Replaced is { } old
                ? $"Antalet är ändrat för {what} (förut {old.Women} kvinnor och {old.Men} män). "
                : $"Antalet är sparat för {what}. ")
            + $"Året {saved.Year} har nu {result.Year.Women} kvinnor och {result.Year.Men} män, totalt {result.YearTotal}.");
        return Redirect($"/insatser/{id}/antal?ar={saved.Year}&tertial={saved.Tertial}");
    }

    public sealed class CountForm
    {
        public int? Year { get; set; }

        public int? Tertial { get; set; }

        public int? Women { get; set; }

        public int? Men { get; set; }
    }
}
