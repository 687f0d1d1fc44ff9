using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>The follow-up's answer link: when invitations and the reminder go, and how often the page may be tried.</summary>
public sealed class AnswerLinkOptions
{
    public const string Section = "AnswerLinks";

    /// <summary>The reminder goes this many days after the invitation (never after the window has closed).</summary>
    [Range(1, 60)]
    public int ReminderAfterDays { get; set; } = 7;

    /// <summary>Requests to the answer page per client address and minute (guessing a token is hopeless and slow).</summary>
    [Range(1, 10000)]
    public int AttemptsPerMinute { get; set; } = 20;

    [Required]
    public string InvitationsCron { get; set; } = "0 9 * * *";
}

/// <summary>
/// A provider-neutral SMS gateway reached over HTTP: a form POST with <c>from</c>, <c>to</c> and
/// <c>message</c> and HTTP Basic credentials, the request format of 46elks
/// (<c>https://api.46elks.com/a1/sms</c>), which several Swedish gateways accept in the same shape.
/// Without a URL no SMS is sent.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    public Uri? GatewayUrl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender name shown on the phone (at most 11 letters or digits), unless the association has its own.</summary>
    [RegularExpression("^[A-Za-z0-9]{1,11}$", ErrorMessage = "Sms:DefaultSender must be 1–11 letters (a–z) or digits.")]
    public string DefaultSender { get; set; } = "Uppfoljning";

    /// <summary>Per association (key: the association's id) its own sender name, e.g. <c>Sms:Senders:1 = Sjuharad</c>.</summary>
    public Dictionary<string, string> Senders { get; set; } = [];

    public bool IsConfigured => GatewayUrl is not null;

    public string SenderFor(long associationId) =>
        Senders.TryGetValue(associationId.ToString(System.Globalization.CultureInfo.InvariantCulture), out var name) && !string.IsNullOrWhiteSpace(name)
            ? name
            : DefaultSender;
}
