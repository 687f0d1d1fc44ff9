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

    /// <summary>
    /// A report a signed-in user read is kept built for this many hours after they last read it
    /// (<see cref="ReportWarmer"/>): after a change, the warmer builds it before its next reader asks. 0: never.
    /// </summary>
    [Range(0, 168)]
    public int WarmHours { get; set; } = 24;

    /// <summary>
    /// How often, in seconds, the warmer looks for a changed data version or a new day, and so at most
    /// how often it builds a report while its data changes; 0 turns the background warmer off.
    /// </summary>
    [Range(0, 3600)]
    public int WarmSeconds { get; set; } = 30;
}
