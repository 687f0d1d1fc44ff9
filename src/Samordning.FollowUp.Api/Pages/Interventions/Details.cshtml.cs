using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>One intervention: its details, plan beside actual figures per year, a form to set a year's plan, its places and referral queue, and its change history.</summary>
internal sealed class DetailsModel : OfficePage
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The year whose plan the form shows (?ar=2026).</summary>
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? SelectedYear { get; set; }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public InterventionResponse Intervention { get; private set; } = null!;

    /// <summary>Plan beside the actual figures for every year the intervention runs.</summary>
    public IReadOnlyList<InterventionYearFigures> YearFigures { get; private set; } = [];

    public IReadOnlyList<InterventionChangeResponse> History { get; private set; } = [];

    /// <summary>The referral queue's counts and the places (the office sets them; coaches see "Fullt").</summary>
    public ReferralQueueResponse Queue { get; private set; } = null!;

    public bool HasEnded => Intervention.EndDate is { } end && end < Today;

    public IEnumerable<SelectListItem> YearOptions =>
        Years().Select(y => new SelectListItem(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var year = SelectedYear ?? DefaultYear();
        Input = new PlanForm { Year = year };
        if (Intervention.Plans.FirstOrDefault(p => p.Year == year) is { } plan)
        {
            Input.PlannedParticipants = SwedishFormat.Field(plan.PlannedParticipants);
            Input.BudgetSek = SwedishFormat.Field(plan.BudgetSek);
            Input.ActualCostSek = SwedishFormat.Field(plan.ActualCostSek);
        }

        Input.Places = SwedishFormat.Field(Queue.Places);
    }

    /// <summary>The intervention's places: a whole number, or empty when the plan states none.</summary>
    public async Task<IActionResult> OnPostPlacesAsync()
    {
        ModelState.Clear();
        if (TryReadWhole(Input.Places, nameof(PlanForm.Places), out var places))
        {
            var command = new SetInterventionPlacesCommand(places is { } p ? (int)Math.Clamp(p, int.MinValue, int.MaxValue) : null) { InterventionId = Id };
            var (ok, saved) = await TrySendAsync(command);
            if (ok)
            {
                Confirm(saved!.Places is { } n ? $"Antal platser är sparat: {n}." : "Antal platser är borttaget.");
                return Redirect($"/kansli/insatser/{Id}#platser");
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var planned = TryReadWhole(Input.PlannedParticipants, nameof(PlanForm.PlannedParticipants), out var plannedValue);
        var budget = TryReadWhole(Input.BudgetSek, nameof(PlanForm.BudgetSek), out var budgetValue);
        var cost = TryReadWhole(Input.ActualCostSek, nameof(PlanForm.ActualCostSek), out var costValue);
        if (planned && budget && cost && ModelState.IsValid)
        {
            var participants = plannedValue is { } p ? (int?)(int)Math.Clamp(p, int.MinValue, int.MaxValue) : null;
            var command = new SetInterventionPlanCommand(participants, budgetValue, costValue)
            {
                InterventionId = Id,
                Year = Input.Year ?? 0,
            };
            var (ok, saved) = await TrySendAsync(command);
            if (ok)
            {
                Confirm($"Planen för {saved!.Year} är sparad.");
                return Redirect($"/kansli/insatser/{Id}?ar={saved.Year}");
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Intervention = await Sender.Send(new GetInterventionQuery(Id), Aborted);
        YearFigures = await Sender.Send(new GetInterventionFiguresQuery(Id), Aborted);
        History = await Sender.Send(new GetInterventionHistoryQuery(Id), Aborted);
        Queue = await Sender.Send(new GetReferralQueueQuery(Id), Aborted);
    }

    private int DefaultYear()
    {
        var year = Today.Year;
        var years = Years().ToList();
        return years.Contains(year) ? year : years[^1];
    }

    /// <summary>The calendar years from the start to the end (or to next year while it has no end).</summary>
    private IEnumerable<int> Years()
    {
        var first = Intervention.StartDate.Year;
        var last = Intervention.EndDate?.Year ?? Math.Max(first, Today.Year + 1);
        return Enumerable.Range(first, Math.Max(1, last - first + 1));
    }

    public sealed class PlanForm
    {
        public int? Year { get; set; }

        public string? PlannedParticipants { get; set; }

        public string? BudgetSek { get; set; }

        public string? Places { get; set; }

        public string? ActualCostSek { get; set; }
    }
}
