namespace Samordning.FollowUp.Features.Associations;

public sealed record AssociationResponse(
    long Id, string Name, string? OrganisationNumber, int SmallNumberThreshold, string? ContactEmail, DateTime CreatedAtUtc,
    int PlanBelowPercent = 90, int PlanAbovePercent = 110, string? DefaultConsentTextVersion = null);
