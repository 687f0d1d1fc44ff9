namespace Samordning.FollowUp.Features.Notifications;

/// <summary>E-mail is optional: without a host, notifications are only stored.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>Upgrade to TLS with STARTTLS when the server offers it (always outside tests and development).</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "uppfoljning@example.se";
    public string FromName { get; set; } = "Samordning Uppföljning";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
