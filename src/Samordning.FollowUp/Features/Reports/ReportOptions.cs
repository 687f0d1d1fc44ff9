using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Features.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The draft of a tertial's report is prepared this many days after the tertial ends.</summary>
    [Range(0, 60)]
    public int DraftDaysAfterTertialEnd { get; set; } = 5;

    [Required]
    public string DraftCron { get; set; } = "0 7 * * *";

    /// <summary>A referral still without a decision (received, not accepted, declined, withdrawn or started) this many days after it came is a data-quality item.</summary>
    [Range(1, 365)]
    public int UndecidedReferralDays { get; set; } = 30;

    /// <summary>
    /// A built report is reused while nothing it reads has changed (<see cref="BuiltReports"/>), and
    /// at most this many minutes; 0 builds every report afresh.
    /// </summary>
    [Range(0, 1440)]
    public int BuiltReportMinutes { get; set; } = 10;
}
