using FluentValidation;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

public sealed record IndicatorDefinitionResponse(
    long Id,
    long AssociationId,
    string Code,
    int Version,
    string Name,
    MeasurementPoint MeasurementPoint,
    Orientation? Orientation,
    IReadOnlyList<InterventionCategory> Categories,
    IReadOnlyList<RegistrationMode> RegistrationModes,
    IReadOnlyList<ExitReason> ExcludedExitReasons,
    SuccessRule SuccessRule,
    IReadOnlyList<Occupation> SuccessOccupations,
    decimal TargetPercent,
    DateOnly ValidFrom,
    DateTime CreatedAtUtc);

/// <summary>
/// The editable part of a definition, written once: create, new version and preview are this
/// record plus what they act on (the commands inherit it, so the v1 JSON stays flat), checked by
/// one validator and turned into a definition by <see cref="IndicatorDefinitionMapping.ToDefinition"/>.
/// </summary>
public record IndicatorDraft
{
    public string? Name { get; init; }
    public MeasurementPoint? MeasurementPoint { get; init; }
    public Orientation? Orientation { get; init; }
    public IReadOnlyList<InterventionCategory>? Categories { get; init; }
    public IReadOnlyList<RegistrationMode>? RegistrationModes { get; init; }
    public IReadOnlyList<ExitReason>? ExcludedExitReasons { get; init; }
    public SuccessRule? SuccessRule { get; init; }
    public IReadOnlyList<Occupation>? SuccessOccupations { get; init; }
    public decimal? TargetPercent { get; init; }
    public DateOnly? ValidFrom { get; init; }
}

internal sealed class IndicatorDraftValidator : AbstractValidator<IndicatorDraft>
{
    public IndicatorDraftValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(300).WithMessage("Namnet får vara högst 300 tecken.");
        RuleFor(x => x.MeasurementPoint).NotNull().WithMessage("Mättidpunkt måste anges: vid avslut eller 12 månader efter avslut.");
        RuleFor(x => x.SuccessRule).NotNull().WithMessage("Regel för lyckat utfall måste anges.");
        RuleFor(x => x.SuccessOccupations).NotEmpty().When(x => x.SuccessRule == Domain.SuccessRule.OccupationIn)
            .WithMessage("Ange vilka sysselsättningar som räknas som lyckat utfall.");
        RuleFor(x => x.SuccessRule).NotEqual(Domain.SuccessRule.StepProgression)
            .When(x => x.MeasurementPoint == Domain.MeasurementPoint.TwelveMonthsAfterExit)
            .WithMessage("Stegförflyttning mäts vid avslut, inte vid 12-månadersuppföljningen.");
        RuleFor(x => x.RegistrationModes)
            .Must(m => m is not null && m.Count > 0 && m.All(x => x == RegistrationMode.Identified))
            .When(x => x.MeasurementPoint == Domain.MeasurementPoint.TwelveMonthsAfterExit)
            .WithMessage("12-månadersuppföljning görs bara för deltagare registrerade med personuppgifter.");
        RuleFor(x => x.RegistrationModes).Must(m => m is null || !m.Contains(RegistrationMode.CountOnly))
            .WithMessage("Insatser som bara registrerar antal kan inte ingå i ett utfallsmått.");
        RuleForEach(x => x.Categories)
            .Must((x, c) => x.Orientation is null || c.BelongsTo(x.Orientation.Value))
            .WithMessage("Kategorin hör inte till den valda inriktningen.");
        RuleFor(x => x.TargetPercent).NotNull().WithMessage("Målvärde måste anges.")
            .InclusiveBetween(0, 100).WithMessage("Målvärdet ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.ValidFrom).NotNull().WithMessage("Giltig från måste anges.");
    }
}

internal static class IndicatorDefinitionMapping
{
    public static IndicatorDefinition ToDefinition(this IndicatorDraft draft, long associationId, string code, int version, DateTime nowUtc) => new()
    {
        AssociationId = associationId,
        Code = code,
        Version = version,
        Name = draft.Name!.Trim(),
        MeasurementPoint = draft.MeasurementPoint!.Value,
        Orientation = draft.Orientation,
        Categories = [.. (draft.Categories ?? []).Distinct()],
        RegistrationModes = [.. (draft.RegistrationModes ?? []).Distinct()],
        ExcludedExitReasons = [.. (draft.ExcludedExitReasons ?? []).Distinct()],
        SuccessRule = draft.SuccessRule!.Value,
        SuccessOccupations = [.. (draft.SuccessOccupations ?? []).Distinct()],
        TargetPercent = draft.TargetPercent!.Value,
        ValidFrom = draft.ValidFrom!.Value,
        CreatedAtUtc = nowUtc,
    };

    public static IndicatorDefinitionResponse ToResponse(this IndicatorDefinition d) => new(
        d.Id, d.AssociationId, d.Code, d.Version, d.Name, d.MeasurementPoint, d.Orientation, d.Categories, d.RegistrationModes,
        d.ExcludedExitReasons, d.SuccessRule, d.SuccessOccupations, d.TargetPercent, d.ValidFrom, d.CreatedAtUtc);
}
