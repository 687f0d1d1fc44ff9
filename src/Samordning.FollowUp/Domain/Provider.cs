namespace Samordning.FollowUp.Domain;

/// <summary>An utförare: runs interventions; the controller of its participants' personal data.</summary>
public sealed class Provider
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public Association? Association { get; set; }
    public required string Name { get; set; }
    public string? OrganisationNumber { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
