using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Jobs;

public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the Hangfire server in this process (off in API tests, which run jobs' commands directly).</summary>
    public bool RunServer { get; set; } = true;

    [Required]
    public string IndicatorsCron { get; set; } = "30 2 * * *";

    /// <summary>Right after each tertial ends (1 January, 1 May, 1 September).</summary>
    [Required]
    public string IndicatorsAfterTertialCron { get; set; } = "15 0 1 1,5,9 *";

    /// <summary>Nightly erasure of identities that are no longer needed (after the follow-up or the retention time).</summary>
    [Required]
    public string IdentityRetentionCron { get; set; } = "45 1 * * *";

    /// <summary>
    /// How long a job fetched by an instance stays invisible to the others without a heartbeat
    /// (PostgreSQL and SQL Server storage, sliding): a job of an instance that died runs again elsewhere after this.
    /// </summary>
    [Range(1, 24 * 60 * 60)]
    public int InvisibilityTimeoutSeconds { get; set; } = 5 * 60;

    /// <summary>
    /// PostgreSQL storage: a job's lock (one run of a job at a time across every instance) left
    /// behind by an instance that died is taken over after this long. Longer than the longest job.
    /// </summary>
    [Range(1, 24 * 60 * 60)]
    public int DistributedLockTimeoutSeconds { get; set; } = 30 * 60;
}
