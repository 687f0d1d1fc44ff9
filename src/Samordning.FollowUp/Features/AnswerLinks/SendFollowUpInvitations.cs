using MailKit;
using MailKit.Net.Smtp;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>
/// The daily job's command: invites everyone who agreed to be contacted once their follow-up is
/// due (or overdue, while its window is open), reminds them once after
/// <see cref="AnswerLinkOptions.ReminderAfterDays"/>, and sends what is pending by e-mail and SMS.
/// One row per follow-up and kind (unique), each claimed by one conditional update before it is
/// sent: a second run, or a second instance at the same moment, sends nothing twice.
/// </summary>
[Access] // system only: sent by a job
public sealed record SendFollowUpInvitationsCommand : ICommand<FollowUpInvitationsResult>;

public sealed record FollowUpInvitationsResult(int Created, int Sent);

internal sealed partial class SendFollowUpInvitationsHandler(
    FollowUpDbContext db,
    TimeProvider clock,
    IOptions<FollowUpOptions> followUps,
    IOptions<AnswerLinkOptions> options,
    IOptions<SmsOptions> smsOptions,
    IdentityProtector protector,
    EmailSender email,
    SmsGateway sms,
    ILogger<SendFollowUpInvitationsHandler> logger) : ICommandHandler<SendFollowUpInvitationsCommand, FollowUpInvitationsResult>
{
    private const int MaxPerRun = 500;

    public async ValueTask<FollowUpInvitationsResult> Handle(SendFollowUpInvitationsCommand command, CancellationToken cancellationToken)
    {
        var baseUrl = followUps.Value.PublicBaseUrl;
        if ((!email.IsConfigured && !sms.IsConfigured) || string.IsNullOrWhiteSpace(baseUrl))
        {
            // Nothing could be sent: no row is created that would wait for a channel.
            return new FollowUpInvitationsResult(0, 0);
        }

        var created = await CreateAsync(cancellationToken);
        var sent = await SendPendingAsync(baseUrl, cancellationToken);
        return new FollowUpInvitationsResult(created, sent);
    }

    /// <summary>Follow-ups whose person may be contacted and has not answered, with the window still open.</summary>
    private IQueryable<TwelveMonthFollowUp> Open(DateOnly today)
    {
        var windowOpenSince = today.AddMonths(-followUps.Value.WindowMonthsAfter);
        return db.TwelveMonthFollowUps.Where(f =>
            (f.Status == FollowUpStatus.Due || f.Status == FollowUpStatus.Overdue)
            && f.Result == null
            && f.DueDate >= windowOpenSince
            && f.Participation!.FollowUpContactConsent
            && f.Participation.Participant!.ContactCipher != null
            && !db.FollowUpInvitations.Any(i => i.FollowUpId == f.Id && i.UsedAtUtc != null));
    }

    private async Task<int> CreateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var remindSentBefore = now.AddDays(-options.Value.ReminderAfterDays);
        var invitations = await Open(today)
            .Where(f => !db.FollowUpInvitations.Any(i => i.FollowUpId == f.Id))
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.DueDate, Kind = InvitationKind.Invitation })
            .Take(MaxPerRun).ToListAsync(cancellationToken);
        var reminders = await Open(today)
            .Where(f => db.FollowUpInvitations.Any(i => i.FollowUpId == f.Id && i.Kind == InvitationKind.Invitation
                    && i.SentAtUtc != null && i.SentAtUtc <= remindSentBefore)
                && !db.FollowUpInvitations.Any(i => i.FollowUpId == f.Id && i.Kind == InvitationKind.Reminder))
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.DueDate, Kind = InvitationKind.Reminder })
            .Take(MaxPerRun).ToListAsync(cancellationToken);

        var created = 0;
        foreach (var row in invitations.Concat(reminders))
        {
            db.FollowUpInvitations.Add(new FollowUpInvitation
            {
                FollowUpId = row.Id,
                Kind = row.Kind,
                ExpiresOn = followUps.Value.WindowCloses(row.DueDate),
                CreatedAtUtc = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                created++;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another instance created it a moment ago: there is one, as there should be.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }

    private async Task<int> SendPendingAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var pending = await db.FollowUpInvitations
            .Where(i => i.SentAtUtc == null && i.ClaimedAtUtc == null && i.ExpiresOn >= today)
            .OrderBy(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.Kind,
                i.ExpiresOn,
                i.FollowUp!.Participation!.FollowUpContactConsent,
                i.FollowUp.Participation.Participant!.ContactCipher,
                Answered = i.FollowUp.Result != null,
                ProviderName = i.FollowUp.Participation.Intervention!.Provider!.Name,
                i.FollowUp.Participation.Intervention.AssociationId,
            })
            .Take(MaxPerRun).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var item in pending)
        {
            if (!item.FollowUpContactConsent || item.ContactCipher is null || item.Answered)
            {
                // Consent withdrawn, contact erased or the coach recorded the result meanwhile: nothing to send.
                await db.FollowUpInvitations.Where(i => i.Id == item.Id && i.SentAtUtc == null && i.ClaimedAtUtc == null)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            var token = AnswerTokens.New();
            var hash = AnswerTokens.Hash(token);
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.FollowUpInvitations.Where(i => i.Id == item.Id && i.ClaimedAtUtc == null && i.SentAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAtUtc, now).SetProperty(i => i.TokenHash, hash), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var contact = FollowUpContact.Read(item.ContactCipher, protector)!;
            var message = AnswerLinkMessages.For(item.Kind, item.ProviderName, AnswerTokens.Link(baseUrl, token), item.ExpiresOn);
            var byEmail = contact.Email is { } address && email.IsConfigured
                && await TryAsync(() => email.SendAsync(address, message.Subject, message.EmailBody, cancellationToken), item.Id, "e-mail");
            var bySms = contact.Mobile is { } mobile && sms.IsConfigured
                && await TryAsync(() => sms.SendAsync(smsOptions.Value.SenderFor(item.AssociationId), mobile, message.SmsText, cancellationToken), item.Id, "SMS");
            if (byEmail || bySms)
            {
                await db.FollowUpInvitations.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.SentAtUtc, now).SetProperty(i => i.SentByEmail, byEmail).SetProperty(i => i.SentBySms, bySms), cancellationToken);
                sent++;
            }
            else
            {
                // Not sent by any channel: pending again for the next run, with a new token then.
                await db.FollowUpInvitations.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.ClaimedAtUtc, (DateTime?)null).SetProperty(i => i.TokenHash, (byte[]?)null), CancellationToken.None);
            }
        }

        return sent;
    }

    private async Task<bool> TryAsync(Func<Task> send, long invitationId, string channel)
    {
        try
        {
            await send();
            return true;
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or System.Net.Sockets.SocketException or IOException or HttpRequestException or TaskCanceledException)
        {
            LogNotSent(logger, e, channel, invitationId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send follow-up invitation {InvitationId} by {Channel}; it is retried on the next run")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string channel, long invitationId);
}

/// <summary>
/// The invitation's words: the provider's name and the link, nothing about the person or their
/// situation (a phone's lock screen shows the SMS to whoever looks).
/// </summary>
internal sealed record AnswerLinkMessages(string Subject, string EmailBody, string SmsText)
{
    public static AnswerLinkMessages For(InvitationKind kind, string providerName, string link, DateOnly expiresOn)
    {
        var reminder = kind == InvitationKind.Reminder ? "Påminnelse: " : string.Empty;
        var until = SwedishFormat.Date(expiresOn);
        return new AnswerLinkMessages(
            $"{reminder}{providerName} vill veta hur det går för dig",
            $"""
            Hej!

            {providerName} vill gärna veta hur det går för dig nu. Svara på några korta frågor. Det tar ett par minuter.

            Svara här: {link}

            Länken fungerar en gång, till och med {until}. Vill du hellre prata i telefon kan du välja det när du öppnar länken.

            Hälsningar
            {providerName}
            """,
            $"{reminder}Hej! {providerName} vill veta hur det går för dig. Svara på några korta frågor: {link} (gäller till och med {until})");
    }
}
