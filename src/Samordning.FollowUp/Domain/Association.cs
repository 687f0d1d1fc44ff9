namespace Samordning.FollowUp.Domain;

/// <summary>A samordningsförbund: the tenant that owns providers, interventions, targets and reports.</summary>
public sealed class Association
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? OrganisationNumber { get; set; }

    /// <summary>The office's shared mailbox: drafts of the tertial report are announced there.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Figures below this are shown as "&lt;N" outside the provider (domain §7).</summary>
    public int SmallNumberThreshold { get; set; } = 5;

    /// <summary>
    /// The band within which participants against plan read "enligt plan" in the board's report:
    /// below <see cref="PlanBelowPercent"/> % of the plan is "under plan", above
    /// <see cref="PlanAbovePercent"/> % "över plan" (defaults 90 and 110).
    /// </summary>
    public int PlanBelowPercent { get; set; } = 90;

    public int PlanAbovePercent { get; set; } = 110;

    /// <summary>
    /// Months after exit after which an identity is erased when no 12-month follow-up applies
    /// (when one applies, the identity goes once it is completed or expired).
    /// </summary>
    public int IdentityRetentionMonths { get; set; } = 15;

    /// <summary>
    /// The version of the consent text the association's providers use now: the intake form starts
    /// with it, so a coach does not type it for every participant. The office changes it.
    /// </summary>
    public string? DefaultConsentTextVersion { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public List<Provider> Providers { get; } = [];
    public List<Intervention> Interventions { get; } = [];
}
