using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// E-mails about an account, sent to the account's own address and never stored (a stored
/// notification could be read by the office): the one-time link to choose a password, and the
/// notice that something changed. The link carries Identity's password-reset token, which is
/// bound to the account's security stamp: it works once (choosing the password changes the
/// stamp), expires (<see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>) and is never
/// kept by the service.
/// </summary>
internal sealed partial class AccountEmails(
    UserManager<UserAccount> users, EmailSender email, FollowUpDbContext db, IHttpContextAccessor http,
    IOptions<FollowUpOptions> followUps, IOptions<DataProtectionTokenProviderOptions> tokens, IOptions<PasswordLinkOptions> page,
    ILogger<AccountEmails> logger)
{
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
        return await SendAsync(user, subject, body, cancellationToken);
    }

    /// <summary>Tells the account's owner what was changed, and by whom.</summary>
    public Task<bool> SendChangeNoticeAsync(UserAccount user, string what, string byWhom, CancellationToken cancellationToken) =>
        SendAsync(user, "Ditt konto har ändrats", $"""
            Hej {user.DisplayName}!

            Ditt konto i Samordning Uppföljning har ändrats av {byWhom}: {what}.

            Har du inte väntat dig det här, kontakta förbundets kansli.
            """, cancellationToken);

    /// <summary>Tells the provider's confirmed coaches that a new coach account waits for them.</summary>
    public async Task NotifyProviderOfPendingCoachAsync(UserAccount pending, CancellationToken cancellationToken)
    {
        var coaches = await db.Users.AsNoTracking()
            .Where(u => u.ProviderId == pending.ProviderId && u.Role == UserRole.Coach && u.ProviderConfirmedAtUtc != null && u.Id != pending.Id)
            .Select(u => new UserAccount { Id = u.Id, Email = u.Email, DisplayName = u.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var coach in coaches)
        {
            await SendAsync(coach, "Ett nytt konto väntar på er bekräftelse", $"""
                Hej {coach.DisplayName}!

                Ett konto som deltagaransvarig hos er har skapats eller flyttats hit: {pending.DisplayName} ({pending.Email}).
                Kontot kan inte se era deltagare förrän någon av er bekräftar det under "Konton" i Samordning Uppföljning.

                Känner ni inte till personen, bekräfta inte kontot och kontakta förbundets kansli.
                """, cancellationToken);
        }
    }

    private async Task<bool> SendAsync(UserAccount user, string subject, string body, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured || string.IsNullOrEmpty(user.Email))
        {
            LogNotConfigured(logger, user.Id);
            return false;
        }

        try
        {
            await email.SendAsync(user.Email, subject, body, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or System.Net.Sockets.SocketException or IOException)
        {
            LogNotSent(logger, e, user.Id);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "No mail server is configured (Smtp:Host): the account e-mail to user {UserId} was not sent")]
    private static partial void LogNotConfigured(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the account e-mail to user {UserId}")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string userId);
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
