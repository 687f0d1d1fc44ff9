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

public sealed record CountDto(int Year, int Women, int Men, int Total);
