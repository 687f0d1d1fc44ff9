using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Api.Pages.Indicators;

/// <summary>
/// A draft indicator definition: a new code (version 1) or, with ?kod=I1, the next version of an
/// existing one. "Förhandsgranska" (Preview) shows what the draft would give for the past eight
/// tertials without saving anything; "Spara" (Save) saves it.
/// </summary>
internal sealed class DraftModel : OfficePage
{
    /// <summary>The code of the definition being revised; empty for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? RevisedCode { get; set; }

    [BindProperty]
    public DraftForm Input { get; set; } = new();

    public IndicatorDefinitionResponse? Current { get; private set; }

    public IndicatorPreviewResponse? Preview { get; private set; }

    public bool IsRevision => !string.IsNullOrWhiteSpace(RevisedCode);

    public string Heading => IsRevision ? $"Ny version av {Current?.Code ?? RevisedCode}" : "Nytt mått";

    public static IEnumerable<SelectListItem> OrientationOptions() =>
        new[] { new SelectListItem("Alla inriktningar", string.Empty) }.Concat(CodeOptions.Of<Orientation>(withEmpty: false));

    public async Task<IActionResult> OnGetAsync()
    {
        if (IsRevision)
        {
            await LoadCurrentAsync();
            Input = DraftForm.From(Current!, Today);
        }
        else
        {
            Input = DraftForm.Defaults(Today);
        }

        return Page();
    }

    [HandlerName("Forhandsgranska")]
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadCurrentAsync();
        if (TryReadDecimal(Input.TargetPercent, nameof(DraftForm.TargetPercent), out var target) && ModelState.IsValid)
        {
            var command = new PreviewIndicatorDefinitionCommand(Input.ToDraft(target))
            {
                AssociationId = AssociationId,
                Code = (IsRevision ? RevisedCode : Input.Code)?.Trim() ?? string.Empty,
            };
            (_, Preview) = await TrySendAsync(command);
        }

        return Page();
    }

    [HandlerName("Spara")]
    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadCurrentAsync();
        if (TryReadDecimal(Input.TargetPercent, nameof(DraftForm.TargetPercent), out var target) && ModelState.IsValid)
        {
            var (ok, saved) = IsRevision
                ? await TrySendAsync(new ReviseIndicatorDefinitionCommand(Input.ToDraft(target))
                {
                    AssociationId = AssociationId,
                    Code = RevisedCode!.Trim(),
                })
                : await TrySendAsync(new CreateIndicatorDefinitionCommand(Input.ToDraft(target))
                {
                    Code = Input.Code?.Trim(),
                    AssociationId = AssociationId,
                });
            if (ok)
            {
                Confirm($"{saved!.Code} version {saved.Version} är sparad och gäller från {SwedishFormat.Date(saved.ValidFrom)}.");
                return Redirect("/kansli/indikatorer");
            }
        }

        return Page();
    }

    /// <summary>The latest version of the definition being revised (404 when the association has no such code).</summary>
    private async Task LoadCurrentAsync()
    {
        if (!IsRevision)
        {
            return;
        }

        var definitions = await Sender.Send(new ListIndicatorDefinitionsQuery(AssociationId), Aborted);
        Current = definitions
            .Where(d => string.Equals(d.Code, RevisedCode!.Trim(), StringComparison.OrdinalIgnoreCase))
            .MaxBy(d => d.Version)
            ?? throw new NotFoundException("Måttet finns inte i förbundet.");
    }

    /// <summary>One figure of the preview: "4 av 10 (40,0 %)".</summary>
    public static string FigureText(IndicatorFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Denominator == 0)
        {
            return "Inga avslut";
        }

        if (figure.TooFew)
        {
            return "För få att redovisa";
        }

        return $"{SwedishFormat.Number((long)figure.Numerator)} av {SwedishFormat.Number((long)figure.Denominator)} ({SwedishFormat.Percent(figure.Rate)})";
    }

    public sealed class DraftForm
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public MeasurementPoint? MeasurementPoint { get; set; }

        public Orientation? Orientation { get; set; }

        public List<InterventionCategory> Categories { get; set; } = [];

        public List<RegistrationMode> RegistrationModes { get; set; } = [];

        public List<ExitReason> ExcludedExitReasons { get; set; } = [];

        public SuccessRule? SuccessRule { get; set; }

        public List<Occupation> SuccessOccupations { get; set; } = [];

        public string? TargetPercent { get; set; }

        public DateOnly? ValidFrom { get; set; }

        /// <summary>The draft the three commands share; the target was read from the Swedish text field.</summary>
        public IndicatorDraft ToDraft(decimal? targetPercent) => new()
        {
            Name = Name,
            MeasurementPoint = MeasurementPoint,
            Orientation = Orientation,
            Categories = Categories,
            RegistrationModes = RegistrationModes,
            ExcludedExitReasons = ExcludedExitReasons,
            SuccessRule = SuccessRule,
            SuccessOccupations = SuccessOccupations,
            TargetPercent = targetPercent,
            ValidFrom = ValidFrom,
        };

        /// <summary>The population of the national defaults (domain §6): individual-focused, not count-only, without errors and deaths.</summary>
        public static DraftForm Defaults(DateOnly today) => new()
        {
            MeasurementPoint = Domain.MeasurementPoint.AtExit,
            Orientation = Domain.Orientation.IndividualFocused,
            RegistrationModes = [RegistrationMode.Identified, RegistrationMode.AnonymousIndividual],
            ExcludedExitReasons = [ExitReason.RegisteredInError, ExitReason.Deceased],
            ValidFrom = today,
        };

        /// <summary>The current version as the starting point of the next one, valid from today at the earliest.</summary>
        public static DraftForm From(IndicatorDefinitionResponse d, DateOnly today) => new()
        {
            Code = d.Code,
            Name = d.Name,
            MeasurementPoint = d.MeasurementPoint,
            Orientation = d.Orientation,
            Categories = [.. d.Categories],
            RegistrationModes = [.. d.RegistrationModes],
            ExcludedExitReasons = [.. d.ExcludedExitReasons],
            SuccessRule = d.SuccessRule,
            SuccessOccupations = [.. d.SuccessOccupations],
            TargetPercent = SwedishFormat.Field(d.TargetPercent),
            ValidFrom = d.ValidFrom > today ? d.ValidFrom : today,
        };
    }
}
