using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// E-mails about an account, sent to the account's own address and never stored (a stored
/// notification could be read by the office): the one-time link to choose a password, the notice
/// that something changed, the provider's notice of a coach awaiting it, and the lock notice. The link carries Identity's password-reset token, which is
/// bound to the account's security stamp: it works once (choosing the password changes the
/// stamp), expires (<see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>) and is never
/// kept by the service.
/// </summary>
internal sealed partial class AccountEmails(
    UserManager<UserAccount> users, EmailSender email, FollowUpDbContext db, IHttpContextAccessor http,
    IOptions<FollowUpOptions> followUps, IOptions<DataProtectionTokenProviderOptions> tokens, IOptions<PasswordLinkOptions> page,
    IOptions<AuthOptions> auth, ILogger<AccountEmails> logger)
{
    public const string LockedSubject = "Ditt konto i Samordning Uppföljning är tillfälligt låst";

    /// <summary>Sends a one-time link to choose a password: an activation for a new account, a reset otherwise.</summary>
    /// <returns>Whether the e-mail was handed to the mail server.</returns>
    public async Task<bool> SendPasswordLinkAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString(BaseUrl() + page.Value.Page,
            new Dictionary<string, string?> { ["anvandare"] = user.Id, ["kod"] = token });
        var hours = (int)Math.Round(tokens.Value.TokenLifespan.TotalHours);
        var activation = user.PasswordHash is null;
        var subject = activation ? "Ditt konto i Samordning Uppföljning" : "Välj ett nytt lösenord";
        var body = activation
            ? $"""
               Hej {user.DisplayName}!

               Ett konto har skapats åt dig i Samordning Uppföljning. Välj ditt lösenord här:

               {link}

               Länken fungerar en gång och i {hours.ToString(CultureInfo.InvariantCulture)} timmar. Ingen annan känner till ditt lösenord, inte heller den som skapade kontot.
               """
            : $"""
               Hej {user.DisplayName}!

               Någon har begärt ett nytt lösenord till ditt konto i Samordning Uppföljning. Välj lösenordet här:

               {link}

               Länken fungerar en gång och i {hours.ToString(CultureInfo.InvariantCulture)} timmar. Har du inte väntat dig det här, kontakta förbundets kansli. Ditt nuvarande lösenord gäller tills du väljer ett nytt.
               """;
        return await SendAsync(user.Id, user.Email, "a link to choose a password is sent", subject, body, cancellationToken);
    }

    /// <summary>Tells the account's owner what was changed, and by whom.</summary>
    public Task<bool> SendChangeNoticeAsync(UserAccount user, string what, string byWhom, CancellationToken cancellationToken) =>
        SendAsync(user.Id, user.Email, "the account changed", "Ditt konto har ändrats", $"""
            Hej {user.DisplayName}!

            Ditt konto i Samordning Uppföljning har ändrats av {byWhom}: {what}.

            Har du inte väntat dig det här, kontakta förbundets kansli.
            """, cancellationToken);

    /// <summary>Tells the provider's confirmed coaches that a new coach account waits for them.</summary>
    public async Task NotifyProviderOfPendingCoachAsync(UserAccount pending, CancellationToken cancellationToken)
    {
        var coaches = await db.Users.AsNoTracking()
            .Where(u => u.ProviderId == pending.ProviderId && u.Role == UserRole.Coach && u.ProviderConfirmedAtUtc != null && u.Id != pending.Id)
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var coach in coaches)
        {
            await SendAsync(coach.Id, coach.Email, "a coach account awaits the provider", "Ett nytt konto väntar på er bekräftelse", $"""
                Hej {coach.DisplayName}!

                Ett konto som deltagaransvarig hos er har skapats eller flyttats hit: {pending.DisplayName} ({pending.Email}).
                Kontot kan inte se era deltagare förrän någon av er bekräftar det under "Konton" i Samordning Uppföljning.

                Känner ni inte till personen, bekräfta inte kontot och kontakta förbundets kansli.
                """, cancellationToken);
        }
    }

    /// <summary>Tells the owner that the account was just locked after failed sign-ins (the sign-in answer no longer says so).</summary>
    public Task<bool> SendLockedNoticeAsync(UserAccount user, CancellationToken cancellationToken) =>
        SendAsync(user.Id, user.Email, "the account is locked", LockedSubject, $"""
            Hej {user.DisplayName}!

            Ditt konto i Samordning Uppföljning har låsts efter {auth.Value.MaxFailedAttempts} inloggningsförsök med fel lösenord. Du kan logga in igen om {auth.Value.LockoutMinutes} minuter.

            Var det inte du som försökte logga in? Kontakta förbundets kansli eller systemadministratören.

            Det här meddelandet skickas automatiskt och går inte att svara på.
            """, cancellationToken);

    /// <param name="what">What the mail is about, for the log line (never the address or the text).</param>
    private async Task<bool> SendAsync(string userId, string? to, string what, string subject, string body, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            LogNoSmtp(logger, userId, what);
            return false;
        }

        if (string.IsNullOrEmpty(to))
        {
            return false;
        }

        try
        {
            await email.SendAsync(to, subject, body, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or System.Net.Sockets.SocketException or IOException or FormatException)
        {
            // Only the kind of failure: a server's message may repeat the address.
            LogNotSent(logger, userId, what, e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// The configured public address; only without one, the request's own (set
    /// <c>FollowUps:PublicBaseUrl</c> in production so that a forged Host header cannot steer a link).
    /// </summary>
    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(followUps.Value.PublicBaseUrl))
        {
            return followUps.Value.PublicBaseUrl.TrimEnd('/');
        }

        var request = http.HttpContext?.Request;
        return request is null ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not e-mail user {UserId} that {What}: no SMTP host is configured (Smtp:Host)")]
    private static partial void LogNoSmtp(ILogger logger, string userId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not e-mail user {UserId} that {What} ({Failure})")]
    private static partial void LogNotSent(ILogger logger, string userId, string what, string failure);
}

/// <summary>
/// Where a password link leads: the page of the web UI that takes the link (the UI host sets it;
/// the service does not know the UI's routes). Checked at start-up.
/// </summary>
public sealed class PasswordLinkOptions
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "The web UI must set the page of password links (PasswordLinkOptions.Page).")]
    [System.ComponentModel.DataAnnotations.RegularExpression("^/.*", ErrorMessage = "PasswordLinkOptions.Page is a path starting with /.")]
    public string? Page { get; set; }
}
