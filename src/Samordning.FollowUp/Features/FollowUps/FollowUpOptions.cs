using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>Timing of the 12-month follow-up (domain §5); configuration, not code.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>Coaches are reminded this many days before the due date.</summary>
    [Range(0, 180)]
    public int ReminderDaysBefore { get; set; } = 30;

    /// <summary>A result may be recorded from this many months before the due date …</summary>
    [Range(0, 6)]
    public int WindowMonthsBefore { get; set; } = 1;

    /// <summary>… to this many months after it; later the follow-up has expired.</summary>
    [Range(0, 12)]
    public int WindowMonthsAfter { get; set; } = 3;

    /// <summary>"Ej anträffbar" (Unreachable) is accepted only after this many recorded contact attempts.</summary>
    [Range(0, 10)]
    public int MinContactAttempts { get; set; } = 2;

    /// <summary>
    /// The nightly scheduler reads only what changed since its last run, except on this day of the
    /// week (and whenever its last full pass is a week old), when it reads every follow-up.
    /// </summary>
    public DayOfWeek FullPassDay { get; set; } = DayOfWeek.Sunday;

    [Required]
    public string SchedulerCron { get; set; } = "0 2 * * *";

    [Required]
    public string RemindersCron { get; set; } = "0 6 * * *";

    /// <summary>Where links in reminder e-mails point, e.g. https://uppfoljning.example.se.</summary>
    public string? PublicBaseUrl { get; set; }

    public DateOnly WindowOpens(DateOnly due) => due.AddMonths(-WindowMonthsBefore);

    public DateOnly WindowCloses(DateOnly due) => due.AddMonths(WindowMonthsAfter);
}
