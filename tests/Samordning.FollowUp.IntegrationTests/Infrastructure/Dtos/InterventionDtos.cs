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
