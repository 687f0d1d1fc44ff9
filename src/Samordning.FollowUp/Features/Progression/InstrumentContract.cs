using FluentValidation;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Progression;

public sealed record InstrumentFactorInput(string? Code, string? Label, string? Description, FactorDirection? Direction);

public sealed record InstrumentScaleLabel(int Value, string Label);

public sealed record InstrumentFactorResponse(string Code, string Label, string? Description, FactorDirection Direction);

public sealed record InstrumentResponse(
    long Id,
    long AssociationId,
    string Code,
    int Version,
    string Name,
    IReadOnlyList<InstrumentFactorResponse> Factors,
    int ScaleMin,
    int ScaleMax,
    IReadOnlyList<InstrumentScaleLabel> ScaleLabels,
    IReadOnlyList<long> InterventionIds,
    bool AtStart,
    int? EveryWeeks,
    bool AtExit,
    int ToleranceDays,
    ProgressionRule Rule,
    double? MinMeanImprovement,
    int? MinFactorsImproved,
    string? RuleFactorCode,
    decimal TargetPercent,
    DateOnly ValidFrom,
    DateTime CreatedAtUtc);

/// <summary>
/// The editable part of an instrument, written once (like <see cref="Indicators.IndicatorDraft"/>):
/// create, new version and preview are this record plus what they act on.
/// </summary>
public record InstrumentDraft
{
    public string? Name { get; init; }
    public IReadOnlyList<InstrumentFactorInput>? Factors { get; init; }
    public int? ScaleMin { get; init; }
    public int? ScaleMax { get; init; }

    /// <summary>A label for every point of the scale, from min to max.</summary>
    public IReadOnlyList<InstrumentScaleLabel>? ScaleLabels { get; init; }

    /// <summary>The interventions that use it; empty: every individual-focused intervention of the association.</summary>
    public IReadOnlyList<long>? InterventionIds { get; init; }

    public bool AtStart { get; init; }
    public int? EveryWeeks { get; init; }
    public bool AtExit { get; init; }
    public int? ToleranceDays { get; init; }
    public ProgressionRule? Rule { get; init; }
    public double? MinMeanImprovement { get; init; }
    public int? MinFactorsImproved { get; init; }
    public string? RuleFactorCode { get; init; }
    public decimal? TargetPercent { get; init; }
    public DateOnly? ValidFrom { get; init; }
}

internal sealed class InstrumentDraftValidator : AbstractValidator<InstrumentDraft>
{
    private const string CodePattern = "^[A-Za-z0-9_-]{1,16}$";

    public InstrumentDraftValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(300).WithMessage("Namnet får vara högst 300 tecken.");
        RuleFor(x => x.Factors).NotEmpty().WithMessage("Ange minst en faktor.");
        RuleForEach(x => x.Factors).ChildRules(f =>
        {
            f.RuleFor(x => x.Code).NotEmpty().WithMessage("Faktorns kod måste anges.")
                .Matches(CodePattern).WithMessage("Koden får bestå av högst 16 bokstäver (a–z), siffror, - och _.");
            f.RuleFor(x => x.Label).NotEmpty().WithMessage("Faktorns benämning måste anges.")
                .MaximumLength(100).WithMessage("Benämningen får vara högst 100 tecken.");
            f.RuleFor(x => x.Description).MaximumLength(1000).WithMessage("Beskrivningen får vara högst 1000 tecken.");
            f.RuleFor(x => x.Direction).NotNull().WithMessage("Ange om högre eller lägre värde är bättre.");
        });
        RuleFor(x => x.Factors)
            .Must(f => f is null || f.Select(x => x.Code?.ToUpperInvariant()).Distinct().Count() == f.Count)
            .WithMessage("Två faktorer har samma kod.");
        RuleFor(x => x.ScaleMin).NotNull().WithMessage("Skalans lägsta värde måste anges.")
            .InclusiveBetween(0, 100).WithMessage("Skalans värden ska vara mellan 0 och 100.");
        RuleFor(x => x.ScaleMax).NotNull().WithMessage("Skalans högsta värde måste anges.")
            .InclusiveBetween(0, 100).WithMessage("Skalans värden ska vara mellan 0 och 100.")
            .GreaterThan(x => x.ScaleMin).When(x => x.ScaleMin is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Skalans högsta värde ska vara större än det lägsta.");
        RuleFor(x => x.ScaleLabels).NotEmpty().WithMessage("Ange en benämning för varje värde på skalan, från lägsta till högsta.");
        RuleFor(x => x.ScaleLabels)
            .Must((x, labels) => labels is not null && x.ScaleMin is { } min && x.ScaleMax is { } max
                && labels.Select(l => l.Value).Order().SequenceEqual(Enumerable.Range(min, max - min + 1))
                && labels.All(l => !string.IsNullOrWhiteSpace(l.Label) && l.Label.Length <= 200))
            .When(x => x.ScaleMin is not null && x.ScaleMax > x.ScaleMin)
            .WithMessage("Ange en benämning (högst 200 tecken) för varje värde på skalan, från lägsta till högsta.");
        RuleFor(x => x).Must(x => x.AtStart || x.AtExit || x.EveryWeeks is not null).OverridePropertyName("atStart")
            .WithMessage("Ange minst en mättidpunkt: vid start, med jämna mellanrum eller vid avslut.");
        RuleFor(x => x.EveryWeeks).InclusiveBetween(1, 104).WithMessage("Mellanrummet ska vara mellan 1 och 104 veckor.");
        RuleFor(x => x.ToleranceDays).NotNull().WithMessage("Ange hur många dagar före och efter en mättidpunkt mätningen får göras.")
            .InclusiveBetween(0, 90).WithMessage("Toleransen ska vara mellan 0 och 90 dagar.");
        RuleFor(x => x.Rule).NotNull().WithMessage("Regel för positiv utveckling måste anges.");
        RuleFor(x => x.MinMeanImprovement).NotNull().When(x => x.Rule == ProgressionRule.MeanImproved)
            .WithMessage("Ange hur mycket medelvärdet minst ska förbättras.")
            .GreaterThan(0).WithMessage("Förbättringen ska vara större än 0.");
        RuleFor(x => x.MinFactorsImproved).NotNull().When(x => x.Rule == ProgressionRule.FactorsImproved)
            .WithMessage("Ange hur många faktorer som minst ska förbättras.")
            .Must((x, k) => k is null || (k >= 1 && k <= (x.Factors?.Count ?? 0)))
            .WithMessage("Antalet faktorer ska vara minst 1 och högst antalet faktorer.");
        RuleFor(x => x.RuleFactorCode).NotEmpty().When(x => x.Rule == ProgressionRule.FactorImproved)
            .WithMessage("Ange vilken faktor som ska förbättras.")
            .Must((x, code) => code is null || (x.Factors ?? []).Any(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase)))
            .WithMessage("Faktorn finns inte bland instrumentets faktorer.");
        RuleFor(x => x.TargetPercent).NotNull().WithMessage("Målvärde måste anges.")
            .InclusiveBetween(0, 100).WithMessage("Målvärdet ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.ValidFrom).NotNull().WithMessage("Giltig från måste anges.");
    }
}

internal static class InstrumentMapping
{
    public static ProgressionInstrument ToInstrument(this InstrumentDraft draft, long associationId, string code, int version, DateTime nowUtc) => new()
    {
        AssociationId = associationId,
        Code = code,
        Version = version,
        Name = draft.Name!.Trim(),
        ScaleMin = draft.ScaleMin!.Value,
        ScaleMax = draft.ScaleMax!.Value,
        AtStart = draft.AtStart,
        EveryWeeks = draft.EveryWeeks,
        AtExit = draft.AtExit,
        ToleranceDays = draft.ToleranceDays!.Value,
        Rule = draft.Rule!.Value,
        MinMeanImprovement = draft.Rule == ProgressionRule.MeanImproved ? draft.MinMeanImprovement : null,
        MinFactorsImproved = draft.Rule == ProgressionRule.FactorsImproved ? draft.MinFactorsImproved : null,
        RuleFactorCode = draft.Rule == ProgressionRule.FactorImproved ? draft.RuleFactorCode!.ToUpperInvariant() : null,
        TargetPercent = draft.TargetPercent!.Value,
        ValidFrom = draft.ValidFrom!.Value,
        CreatedAtUtc = nowUtc,
        Factors =
        [
            .. draft.Factors!.Select((f, i) => new ProgressionFactor
            {
                Position = i + 1, Code = f.Code!.ToUpperInvariant(), Label = f.Label!.Trim(), Description = f.Description?.Trim(),
                Direction = f.Direction!.Value,
            }),
        ],
        ScaleLabels = [.. draft.ScaleLabels!.OrderBy(l => l.Value).Select(l => new ProgressionScaleLabel { Value = l.Value, Label = l.Label.Trim() })],
        Interventions = [.. (draft.InterventionIds ?? []).Distinct().Select(id => new ProgressionInstrumentIntervention { InterventionId = id })],
    };

    public static InstrumentResponse ToResponse(this ProgressionInstrument i) => new(
        i.Id, i.AssociationId, i.Code, i.Version, i.Name,
        [.. i.Factors.OrderBy(f => f.Position).Select(f => new InstrumentFactorResponse(f.Code, f.Label, f.Description, f.Direction))],
        i.ScaleMin, i.ScaleMax,
        [.. i.ScaleLabels.OrderBy(l => l.Value).Select(l => new InstrumentScaleLabel(l.Value, l.Label))],
        [.. i.Interventions.Select(x => x.InterventionId).Order()],
        i.AtStart, i.EveryWeeks, i.AtExit, i.ToleranceDays, i.Rule, i.MinMeanImprovement, i.MinFactorsImproved, i.RuleFactorCode,
        i.TargetPercent, i.ValidFrom, i.CreatedAtUtc);
}
