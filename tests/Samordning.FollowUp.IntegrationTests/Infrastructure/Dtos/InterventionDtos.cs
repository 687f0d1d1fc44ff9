namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Interventions with their yearly plans and counts as a client sees them.

public sealed record InterventionDto(
    long Id,
    long AssociationId,
    long ProviderId,
    string Name,
    string Orientation,
    string Category,
    string RegistrationMode,
    IReadOnlyList<string> Municipalities,
    DateOnly StartDate,
    DateOnly? EndDate,
    IReadOnlyList<PlanDto> Plans,
    IReadOnlyList<CountDto> Counts);

public sealed record PlanDto(int Year, int PlannedParticipants, long BudgetSek, long ActualCostSek);

/// <summary>One tertial's count-only figures.</summary>
public sealed record CountDto(int Year, int Tertial, int Women, int Men, int Total);

public sealed record CountPairDto(int Women, int Men);

/// <summary>The answer to PUT …/counts/{year}/{tertial}: what is stored, what it replaced, the year's sum.</summary>
public sealed record SetCountDto(CountDto Saved, CountPairDto? Replaced, CountPairDto Year, int YearTotal);

/// <summary>One changed field of an intervention's history.</summary>
public sealed record InterventionChangeDto(DateTime AtUtc, string ChangedBy, string Field, string FieldLabel, string? OldValue, string? NewValue);

/// <summary>A year's plan beside its actual figures.</summary>
public sealed record YearFiguresDto(
    int Year, bool HasPlan, int PlannedParticipants, int IndividualParticipants, int CountOnlyParticipants, long BudgetSek,
    long ActualCostSek, int Participants, double? PercentOfPlan, long? CostPerParticipantSek);

public sealed record InterventionYearRowDto(long Id, string Name, string ProviderName, string Orientation, string Category, YearFiguresDto Figures);

public sealed record InterventionSummaryDto(long Id, string Name, string ProviderName, DateOnly StartDate, DateOnly? EndDate);

public sealed record InterventionYearListDto(
    int Year, IReadOnlyList<InterventionYearRowDto> Interventions, YearFiguresDto Total, IReadOnlyList<InterventionSummaryDto> NotRunning);

public sealed record InterventionEditStateDto(bool HasRegistrations, DateOnly? LatestRegisteredDate, int OngoingParticipations);
