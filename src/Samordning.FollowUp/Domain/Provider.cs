namespace Samordning.FollowUp.Domain;

/// <summary>An utförare: runs interventions; the controller of its participants' personal data.</summary>
public sealed class Provider
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public Association? Association { get; set; }
    public required string Name { get; set; }
    public string? OrganisationNumber { get; set; }

    /// <summary>Where the daily follow-up digest is e-mailed (a shared mailbox, not a person's).</summary>
    public string? ContactEmail { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// Set when the office deactivates the provider: its data stays (reports, participations), but
    /// it gets no new interventions or coach accounts. A provider is never deleted.
    /// </summary>
    public DateTime? DeactivatedAtUtc { get; set; }
}
