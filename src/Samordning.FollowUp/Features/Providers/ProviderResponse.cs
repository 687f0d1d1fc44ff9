namespace Samordning.FollowUp.Features.Providers;

public sealed record ProviderResponse(
    long Id, long AssociationId, string Name, string? OrganisationNumber, string? ContactEmail, DateTime? DeactivatedAtUtc = null)
{
    /// <summary>False once the office has deactivated it: no new interventions or coach accounts.</summary>
    public bool IsActive => DeactivatedAtUtc is null;
}
