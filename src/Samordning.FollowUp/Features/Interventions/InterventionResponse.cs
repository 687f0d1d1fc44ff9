using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Interventions;

public sealed record InterventionResponse(
    long Id,
    long AssociationId,
    long ProviderId,
    string ProviderName,
    string Name,
    Orientation Orientation,
    InterventionCategory Category,
    RegistrationMode RegistrationMode,
    IReadOnlyList<string> Municipalities,
    DateOnly StartDate,
    DateOnly? EndDate,
    int? ExpectedLengthWeeks,
    string? TargetGroup,
    IReadOnlyList<InterventionPlanResponse> Plans,
    IReadOnlyList<InterventionCountResponse> Counts);

public sealed record InterventionPlanResponse(int Year, int PlannedParticipants, long BudgetSek, long ActualCostSek);

/// <summary>One tertial's count-only figures; the year's figure is the sum of its tertials.</summary>
public sealed record InterventionCountResponse(int Year, int Tertial, int Women, int Men, int Total);
