namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

// Follow-ups, indicators, notifications and jobs as a client sees them: codes are plain strings.

public sealed record FollowUpDto(
    long Id,
    long ParticipationId,
    long InterventionId,
    string InterventionName,
    long ProviderId,
    string Reference,
    DateOnly ExitDate,
    DateOnly DueDate,
    DateOnly WindowOpens,
    DateOnly WindowCloses,
    string Status,
    FollowUpResultDto? Result);

public sealed record FollowUpResultDto(
    string Outcome,
    DateOnly ContactedOn,
    string? Occupation,
    int? ExtentPercent,
    IReadOnlyList<string> IncomeSources,
    DateTime RecordedAtUtc,
    DateTime UpdatedAtUtc);

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

public sealed record NotificationDto(
    long Id,
    long AssociationId,
    long? ProviderId,
    string Kind,
    DateOnly ForDate,
    string Subject,
    string Body,
    int ItemCount,
    DateTime CreatedAtUtc,
    DateTime? EmailSentAtUtc);

public sealed record RunJobDto(string JobId, string RecurringJobId);
