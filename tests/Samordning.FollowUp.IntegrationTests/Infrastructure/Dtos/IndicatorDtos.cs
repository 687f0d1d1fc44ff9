namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Indicator figures, definitions and previews as a client sees them: codes are plain strings.

public sealed record IndicatorsDto(long AssociationId, int Year, int? Tertial, string Mode, long? InterventionId, IReadOnlyList<IndicatorDto> Indicators);

public sealed record IndicatorDto(
    string Code,
    string Name,
    int DefinitionVersion,
    string MeasurementPoint,
    DateOnly ExitsFrom,
    DateOnly ExitsTo,
    decimal TargetPercent,
    DateTime ComputedAtUtc,
    FigureDto Woman,
    FigureDto Man,
    FigureDto Total);

public sealed record FigureDto(
    int Numerator,
    int Denominator,
    int MissingData,
    int? Reached,
    double? Rate,
    double? RateOfReached,
    double? ResponseRate,
    decimal TargetPercent,
    bool? Met,
    bool TooFew);

public sealed record IndicatorDefinitionDto(
    long Id,
    long AssociationId,
    string Code,
    int Version,
    string Name,
    string MeasurementPoint,
    string? Orientation,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> RegistrationModes,
    IReadOnlyList<string> ExcludedExitReasons,
    string SuccessRule,
    IReadOnlyList<string> SuccessOccupations,
    decimal TargetPercent,
    DateOnly ValidFrom,
    DateTime CreatedAtUtc);

public sealed record PreviewDto(string Code, string Name, IReadOnlyList<PreviewTertialDto> Tertials);

public sealed record PreviewTertialDto(int Year, int Tertial, DateOnly ExitsFrom, DateOnly ExitsTo, FigureDto Woman, FigureDto Man, FigureDto Total);
