namespace Samordning.FollowUp.Features.Providers;

public sealed record ProviderResponse(long Id, long AssociationId, string Name, string? OrganisationNumber, string? ContactEmail);
