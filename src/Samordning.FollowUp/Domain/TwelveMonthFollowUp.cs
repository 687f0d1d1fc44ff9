using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// The 12-month follow-up of one identified exit (domain §5). Created and kept in step with
/// the exit by the scheduler; the coach records its result.
/// </summary>
public sealed class TwelveMonthFollowUp
{
    public long Id { get; set; }
    public long ParticipationId { get; set; }
    public Participation? Participation { get; set; }

    /// <summary>Twelve months after the exit's end date; moves when the exit is corrected.</summary>
    public DateOnly DueDate { get; set; }

    public FollowUpStatus Status { get; set; }

    // When the provider's digest first told about this follow-up being due / overdue.
    public DateTime? DueNotifiedAtUtc { get; set; }
    public DateTime? OverdueNotifiedAtUtc { get; set; }

    public FollowUpResult? Result { get; set; }

    /// <summary>The coach's tries to reach the person, oldest first.</summary>
    public List<ContactAttempt> ContactAttempts { get; } = [];

    /// <summary>The answer link's messages (invitation, reminder).</summary>
    public List<FollowUpInvitation> Invitations { get; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>What the coach found out when trying to reach the person.</summary>
public sealed class FollowUpResult
{
    public long FollowUpId { get; set; }
    public FollowUpOutcome Outcome { get; set; }
    public DateOnly ContactedOn { get; set; }
    public Occupation? Occupation { get; set; }
    public int? ExtentPercent { get; set; }
    public List<IncomeSource> IncomeSources { get; set; } = [];

    /// <summary>The coach's, or the person's own answer through the one-time link.</summary>
    public FollowUpResultSource Source { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// One try to reach the person for the follow-up: the day and how it went. "Ej anträffbar" is
/// accepted only after enough of them (<c>FollowUps:MinContactAttempts</c>). No free text: a
/// note could carry personal data the follow-up does not need.
/// </summary>
public sealed class ContactAttempt
{
    public long Id { get; set; }
    public long FollowUpId { get; set; }
    public DateOnly AttemptedOn { get; set; }
    public ContactAttemptOutcome Outcome { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

public enum ContactAttemptOutcome
{
    [Display(Name = "Inget svar")] NoAnswer,
    [Display(Name = "Lämnade meddelande")] MessageLeft,
    [Display(Name = "Fel nummer")] WrongNumber,
    [Display(Name = "Bokad ny tid")] NewTimeBooked,
    [Display(Name = "Annat")] Other,
}

public enum FollowUpStatus
{
    [Display(Name = "Kommande")] Upcoming,
    [Display(Name = "Dags att följa upp")] Due,
    [Display(Name = "Försenad")] Overdue,
    [Display(Name = "Utgången")] Expired,
    [Display(Name = "Genomförd")] Completed,
    [Display(Name = "Avbruten")] Cancelled,
}

public enum FollowUpOutcome
{
    [Display(Name = "Nådd")] Reached,
    [Display(Name = "Ej anträffbar")] Unreachable,
    [Display(Name = "Avböjde")] Declined,
}
