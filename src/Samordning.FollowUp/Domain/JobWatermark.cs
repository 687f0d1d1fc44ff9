namespace Samordning.FollowUp.Domain;

/// <summary>
/// How far a nightly job has seen the data: its next run reads only what changed after
/// <see cref="ChangesSeenUntilUtc"/> (README, "Performance"). One row per job.
/// </summary>
public sealed class JobWatermark
{
    public required string Job { get; set; }

    /// <summary>Rows whose UpdatedAtUtc is at or after this have not been seen (the last run's start, less a margin).</summary>
    public DateTime ChangesSeenUntilUtc { get; set; }

    /// <summary>The Swedish calendar day of the last run: what moved with the calendar since then is looked at again.</summary>
    public DateOnly LastRunOn { get; set; }

    /// <summary>The day of the last full pass (every row read), the weekly safety net.</summary>
    public DateOnly LastFullPassOn { get; set; }
}
