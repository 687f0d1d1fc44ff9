using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A message that asks the former participant to answer the 12-month follow-up through a
/// one-time link: the invitation when the follow-up becomes due, and one reminder. One row per
/// follow-up and kind (a unique index), so two runs or two instances never send it twice.
/// The link's token is never stored, only its SHA-256 hash.
/// </summary>
public sealed class FollowUpInvitation
{
    public long Id { get; set; }
    public long FollowUpId { get; set; }
    public TwelveMonthFollowUp? FollowUp { get; set; }
    public InvitationKind Kind { get; set; }

    /// <summary>SHA-256 of the link's token; set when the message is claimed for sending.</summary>
    public byte[]? TokenHash { get; set; }

    /// <summary>The last day the link works: the follow-up window's close.</summary>
    public DateOnly ExpiresOn { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Taken by one sender (an instance of the job) before the message goes; cleared when nothing could be sent.</summary>
    public DateTime? ClaimedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
    public bool SentByEmail { get; set; }
    public bool SentBySms { get; set; }

    /// <summary>When the link was used (the answer, or the wish to be called, was sent). A used link never works again.</summary>
    public DateTime? UsedAtUtc { get; set; }

    /// <summary>The person answered "Vill du hellre bli uppringd?" with yes.</summary>
    public bool CallRequested { get; set; }
}

public enum InvitationKind
{
    [Display(Name = "Inbjudan")] Invitation,
    [Display(Name = "Påminnelse")] Reminder,
}

/// <summary>Who gave the follow-up's result.</summary>
public enum FollowUpResultSource
{
    [Display(Name = "Deltagaransvarig")] Coach,
    [Display(Name = "Självrapporterat")] SelfReported,
}

/// <summary>What the coach's follow-up list says about the answer link.</summary>
public enum AnswerLinkState
{
    [Display(Name = "Ingen länk")] NotInvited,
    [Display(Name = "Inbjuden, inte svarat")] Invited,
    [Display(Name = "Svarade via länk")] Answered,
    [Display(Name = "Vill bli uppringd")] CallRequested,
}

/// <summary>A follow-up result as it was before a correction replaced it (the result's history).</summary>
public sealed class FollowUpResultRevision
{
    public long Id { get; set; }
    public long FollowUpId { get; set; }
    public FollowUpResultSource Source { get; set; }
    public FollowUpOutcome Outcome { get; set; }
    public DateOnly ContactedOn { get; set; }
    public Occupation? Occupation { get; set; }
    public int? ExtentPercent { get; set; }
    public List<IncomeSource> IncomeSources { get; set; } = [];

    /// <summary>When this version was recorded (or last corrected) …</summary>
    public DateTime RecordedAtUtc { get; set; }

    /// <summary>… and when a correction replaced it, by whom.</summary>
    public DateTime ReplacedAtUtc { get; set; }
    public string? ReplacedBy { get; set; }
}
