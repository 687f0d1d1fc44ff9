namespace Samordning.FollowUp.Domain;

/// <summary>An insats funded by the association and run by a provider.</summary>
public sealed class Intervention
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public Association? Association { get; set; }
    public long ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public required string Name { get; set; }
    public Orientation Orientation { get; set; }
    public InterventionCategory Category { get; set; }

    /// <summary>
    /// It decides what a participation may hold: changeable only while the intervention has no
    /// participations and no count-only figures (as is the orientation).
    /// </summary>
    public RegistrationMode RegistrationMode { get; set; }

    public List<string> Municipalities { get; set; } = [];
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? ExpectedLengthWeeks { get; set; }
    public string? TargetGroup { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Places at once (optional, set by the office): the referral queue says "fullt" when every place is taken.</summary>
    public int? Places { get; set; }

    public List<InterventionYearPlan> Plans { get; } = [];
    public List<InterventionTertialCount> Counts { get; } = [];

    public bool IsRunningIn(int year) =>
        StartDate.Year <= year && (EndDate is null || EndDate.Value.Year >= year);

    /// <summary>Ended: the end date has passed (no new intake after it).</summary>
    public bool HasEndedBy(DateOnly today) => EndDate is { } end && end < today;

    public bool Covers(DateOnly date) =>
        date >= StartDate && (EndDate is null || date <= EndDate.Value);
}

/// <summary>Per calendar (budget) year: planned participants, the association's budget and the actual cost.</summary>
public sealed class InterventionYearPlan
{
    public long InterventionId { get; set; }
    public int Year { get; set; }
    public int PlannedParticipants { get; set; }
    public long BudgetSek { get; set; }
    public long ActualCostSek { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// Count-only registration for one tertial: the women and men counted in it. A person is counted
/// once a year, in the tertial they first took part, so the year's figure is the sum of its tertials.
/// </summary>
public sealed class InterventionTertialCount
{
    public long InterventionId { get; set; }
    public int Year { get; set; }
    public int Tertial { get; set; }
    public int Women { get; set; }
    public int Men { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
