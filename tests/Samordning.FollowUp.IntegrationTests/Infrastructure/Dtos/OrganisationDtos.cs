namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Associations and providers as a client sees them.

public sealed record AssociationDto(long Id, string Name, string? OrganisationNumber, int SmallNumberThreshold);

public sealed record ProviderDto(long Id, long AssociationId, string Name, string? OrganisationNumber, string? ContactEmail = null, bool IsActive = true);
