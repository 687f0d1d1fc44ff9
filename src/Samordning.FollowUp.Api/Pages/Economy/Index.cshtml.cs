using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samordning.FollowUp.Api.Pages.Reports;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Economy;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.Api.Pages.Economy;

/// <summary>
/// The office's economy for a year: the members' total and other income, each member's
/// contribution or population, the administration's and the interventions' costs per tertial, the
/// board's financial targets, and the economic part of the report as it stands at the chosen tertial.
/// Every form sends one of the API's commands; the figures below are the report's own tables.
/// </summary>
internal sealed class IndexModel : OfficePage
{
    private string _prefix = "Settings";

    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    [BindProperty]
    public SettingsForm Settings { get; set; } = new();

    [BindProperty]
    public MemberForm Member { get; set; } = new();

    [BindProperty]
    public NewMemberForm NewMember { get; set; } = new();

    [BindProperty]
    public CostForm Cost { get; set; } = new();

    [BindProperty]
    public TargetsForm Targets { get; set; } = new();

    public EconomyYearResponse Economy { get; private set; } = null!;

    /// <summary>The block whose form was sent and refused: its fields keep what was typed and show the messages.</summary>
    public string? Posted { get; private set; }

    protected override string FormPrefix => _prefix;

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    public IEnumerable<PresentedPart> Parts => ReportPresenter.EconomyParts(Economy.Report);

    public IEnumerable<string> ErrorsFor(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    /// <summary>The id of a field: the form's own (the error summary links there) in the block that was sent, else one of its block.</summary>
    public string Id(string block, string key) => Posted == block ? key.Replace('.', '_') : $"{block}-{key.Replace('.', '-')}".ToLowerInvariant();

    public async Task OnGetAsync() => await LoadAsync(fillForms: true);

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        _prefix = nameof(Settings);
        var ok = TryReadWhole(Settings.TotalContributionSek, nameof(SettingsForm.TotalContributionSek), out var total)
            & TryReadWhole(Settings.OpeningEquitySek, nameof(SettingsForm.OpeningEquitySek), out var equity)
            & TryReadWhole(Settings.EsfIncomeSek, nameof(SettingsForm.EsfIncomeSek), out var esf)
            & TryReadWhole(Settings.ProjectIncomeSek, nameof(SettingsForm.ProjectIncomeSek), out var project)
            & TryReadWhole(Settings.OtherIncomeSek, nameof(SettingsForm.OtherIncomeSek), out var other);
        if (ok && (await TrySendAsync(new SetEconomyYearCommand(total, Settings.RoundingUnitSek, equity, esf, project, other)
            { AssociationId = AssociationId, Year = ChosenYear })).Ok)
        {
            return Saved($"Året {ChosenYear} är sparat.", "aret");
        }

        return await RefusedAsync("settings");
    }

    public async Task<IActionResult> OnPostMemberAsync()
    {
        _prefix = nameof(Member);
        var ok = TryReadWhole(Member.ContributionSek, nameof(MemberForm.ContributionSek), out var contribution)
            & TryReadWhole(Member.Population, nameof(MemberForm.Population), out var population);
        var inhabitants = population is { } p ? (int?)(int)Math.Clamp(p, 0, int.MaxValue) : null;
        if (ok && (await TrySendAsync(new SetMemberYearCommand(contribution, inhabitants, Member.PopulationDate)
            { AssociationId = AssociationId, MemberId = Member.MemberId, Year = ChosenYear })).Ok)
        {
            return Saved($"{Member.Name} är sparad för {ChosenYear}.", "medlemmar");
        }

        return await RefusedAsync($"member-{Member.MemberId}");
    }

    public async Task<IActionResult> OnPostNewMemberAsync()
    {
        _prefix = nameof(NewMember);
        var (ok, member) = await TrySendAsync(new AddAssociationMemberCommand(NewMember.Name, NewMember.Kind) { AssociationId = AssociationId });
        return ok ? Saved($"{member!.Name} är medlem.", "medlemmar") : await RefusedAsync("new-member");
    }

    public async Task<IActionResult> OnPostCostAsync()
    {
        _prefix = nameof(Cost);
        var ok = TryReadWhole(Cost.BudgetSek, nameof(CostForm.BudgetSek), out var budget)
            & TryReadWhole(Cost.Tertial1Sek, nameof(CostForm.Tertial1Sek), out var t1)
            & TryReadWhole(Cost.Tertial2Sek, nameof(CostForm.Tertial2Sek), out var t2)
            & TryReadWhole(Cost.Tertial3Sek, nameof(CostForm.Tertial3Sek), out var t3)
            & TryReadWhole(Cost.ForecastSek, nameof(CostForm.ForecastSek), out var forecast);
        if (ok && Cost.InterventionId is { } intervention)
        {
            if ((await TrySendAsync(new SetInterventionCostCommand(forecast, t1, t2, t3) { InterventionId = intervention, Year = ChosenYear })).Ok)
            {
                return Saved($"Kostnaderna för {Cost.Name} {ChosenYear} är sparade.", "insatser");
            }
        }
        else if (ok && (await TrySendAsync(new SetAdministrationCostCommand(budget, forecast, t1, t2, t3)
            { AssociationId = AssociationId, Year = ChosenYear, Category = Cost.Category?.ToString() })).Ok)
        {
            return Saved($"{Cost.Name} {ChosenYear} är sparad.", "administration");
        }

        return await RefusedAsync(Cost.InterventionId is { } i ? $"intervention-{i}" : $"admin-{Cost.Category}");
    }

    public async Task<IActionResult> OnPostTargetsAsync()
    {
        _prefix = nameof(Targets);
        var ok = TryReadWhole(Targets.MinimumEquitySek, nameof(TargetsForm.MinimumEquitySek), out var minimum)
            & TryReadBasisPoints(Targets.EquityAtLeastPercent, nameof(TargetsForm.EquityAtLeastPercent), out var atLeast)
            & TryReadBasisPoints(Targets.EquityAtMostPercent, nameof(TargetsForm.EquityAtMostPercent), out var atMost)
            & TryReadBasisPoints(Targets.AdministrationAtMostPercent, nameof(TargetsForm.AdministrationAtMostPercent), out var administration);
        var targets = new List<FinancialTargetInput>();
        if (minimum is not null)
        {
            targets.Add(new(FinancialTargetKind.MinimumEquity, minimum, null, null));
        }

        if (atLeast is not null)
        {
            targets.Add(new(FinancialTargetKind.EquityShareAtLeast, null, atLeast, Targets.EquityAtLeastYears ?? 1));
        }

        if (atMost is not null)
        {
            targets.Add(new(FinancialTargetKind.EquityShareAtMost, null, atMost, Targets.EquityAtMostYears ?? 1));
        }

        if (administration is not null)
        {
            targets.Add(new(FinancialTargetKind.AdministrationShareAtMost, null, administration, null));
        }

        if (ok && (await TrySendAsync(new SetFinancialTargetsCommand(targets) { AssociationId = AssociationId })).Ok)
        {
            return Saved(targets.Count == 0 ? "Förbundet har inga finansiella mål." : "De finansiella målen är sparade.", "mal");
        }

        return await RefusedAsync("targets");
    }

    private int ChosenYear => Year is >= 2000 and <= 2100 ? Year.Value : TertialChoice.MostRecentEnded(Today).Year;

    private int ChosenTertial => Tertial is >= 1 and <= 3 ? Tertial.Value
        : TertialChoice.MostRecentEnded(Today) is var (y, t) && y == ChosenYear ? t : 3;

    private RedirectResult Saved(string message, string section)
    {
        Confirm(message);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/kansli/ekonomi?ar={ChosenYear}&tertial={ChosenTertial}#{section}"));
    }

    private async Task<PageResult> RefusedAsync(string block)
    {
        Posted = block;
        await LoadAsync(fillForms: false);
        return Page();
    }

    /// <summary>A percent as typed ("2", "10,5") in basis points; more than two decimals is refused.</summary>
    private bool TryReadBasisPoints(string? text, string field, out int? basisPoints)
    {
        basisPoints = null;
        if (!TryReadDecimal(text, field, out var percent))
        {
            return false;
        }

        if (percent is { } p)
        {
            var points = p * 100;
            if (points != decimal.Truncate(points) || points is < 0 or > 10_000)
            {
                ModelState.AddModelError($"{FormPrefix}.{field}", "Ange andelen i procent mellan 0 och 100, med högst två decimaler.");
                return false;
            }

            basisPoints = (int)points;
        }

        return true;
    }

    private async Task LoadAsync(bool fillForms)
    {
        Year = ChosenYear;
        Tertial = ChosenTertial;
        Economy = await Sender.Send(new GetEconomyYearQuery(AssociationId, ChosenYear, ChosenTertial), Aborted);
        if (!fillForms)
        {
            return;
        }

        Settings = new SettingsForm
        {
            TotalContributionSek = SwedishFormat.Field(Economy.TotalContributionSek),
            RoundingUnitSek = Economy.RoundingUnitSek,
            OpeningEquitySek = SwedishFormat.Field(Economy.OpeningEquitySek),
            EsfIncomeSek = SwedishFormat.Field(Economy.EsfIncomeSek),
            ProjectIncomeSek = SwedishFormat.Field(Economy.ProjectIncomeSek),
            OtherIncomeSek = SwedishFormat.Field(Economy.OtherIncomeSek),
        };
        string? Percent(FinancialTargetKind kind) => Economy.Targets.FirstOrDefault(t => t.Kind == kind)?.BasisPoints is { } bp
            ? (bp / 100m).ToString("0.##", SwedishFormat.Culture) : null;
        Targets = new TargetsForm
        {
            MinimumEquitySek = SwedishFormat.Field(Economy.Targets.FirstOrDefault(t => t.Kind == FinancialTargetKind.MinimumEquity)?.AmountSek),
            EquityAtLeastPercent = Percent(FinancialTargetKind.EquityShareAtLeast),
            EquityAtLeastYears = Economy.Targets.FirstOrDefault(t => t.Kind == FinancialTargetKind.EquityShareAtLeast)?.WindowYears,
            EquityAtMostPercent = Percent(FinancialTargetKind.EquityShareAtMost),
            EquityAtMostYears = Economy.Targets.FirstOrDefault(t => t.Kind == FinancialTargetKind.EquityShareAtMost)?.WindowYears,
            AdministrationAtMostPercent = Percent(FinancialTargetKind.AdministrationShareAtMost),
        };
    }

    public sealed class SettingsForm
    {
        public string? TotalContributionSek { get; set; }

        public int? RoundingUnitSek { get; set; }

        public string? OpeningEquitySek { get; set; }

        public string? EsfIncomeSek { get; set; }

        public string? ProjectIncomeSek { get; set; }

        public string? OtherIncomeSek { get; set; }
    }

    public sealed class MemberForm
    {
        public long MemberId { get; set; }

        public string? Name { get; set; }

        public string? ContributionSek { get; set; }

        public string? Population { get; set; }

        public DateOnly? PopulationDate { get; set; }
    }

    public sealed class NewMemberForm
    {
        public string? Name { get; set; }

        public MemberKind? Kind { get; set; }
    }

    /// <summary>An intervention's (InterventionId) or an administration category's (Category) costs for the year.</summary>
    public sealed class CostForm
    {
        public long? InterventionId { get; set; }

        public AdministrationCategory? Category { get; set; }

        public string? Name { get; set; }

        public string? BudgetSek { get; set; }

        public string? Tertial1Sek { get; set; }

        public string? Tertial2Sek { get; set; }

        public string? Tertial3Sek { get; set; }

        public string? ForecastSek { get; set; }
    }

    public sealed class TargetsForm
    {
        public string? MinimumEquitySek { get; set; }

        public string? EquityAtLeastPercent { get; set; }

        public int? EquityAtLeastYears { get; set; }

        public string? EquityAtMostPercent { get; set; }

        public int? EquityAtMostYears { get; set; }

        public string? AdministrationAtMostPercent { get; set; }
    }
}
