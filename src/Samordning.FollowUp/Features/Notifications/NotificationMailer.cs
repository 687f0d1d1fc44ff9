using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Notifications;

/// <summary>
/// E-mails stored notifications that have not been sent: a provider's to its contact address, or,
/// while the provider has none, to its confirmed coaches (one message to them all); the office's
/// to the association's address. Mail that fails stays pending and goes on the next run. Each
/// notification is claimed before it is sent, so concurrent runs send it once (at most once: an
/// instance that dies between the claim and the SMTP call loses that e-mail, never the
/// notification, which stays on the recipient's start page).
/// </summary>
internal sealed partial class NotificationMailer(FollowUpDbContext db, EmailSender email, ILogger<NotificationMailer> logger)
{
    private const int MaxPerRun = 200;

    public async Task<int> SendPendingAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            return 0;
        }

        var coaches = Coaches();
        var toProviders = db.Notifications.Where(n => n.EmailSentAtUtc == null && n.ProviderId != null)
            .Join(db.Providers, n => n.ProviderId, p => p.Id, (n, p) => new { n.Id, n.ProviderId, n.Subject, n.Body, Address = p.ContactEmail })
            .Where(x => x.Address != null || coaches.Any(u => u.ProviderId == x.ProviderId));
        var toOffices = db.Notifications.Where(n => n.EmailSentAtUtc == null && n.ProviderId == null)
            .Join(db.Associations.Where(a => a.ContactEmail != null), n => n.AssociationId, a => a.Id,
                (n, a) => new { n.Id, n.ProviderId, n.Subject, n.Body, Address = a.ContactEmail });
        var pending = (await toProviders.OrderBy(x => x.Id).Take(MaxPerRun).ToListAsync(cancellationToken))
            .Concat(await toOffices.OrderBy(x => x.Id).Take(MaxPerRun).ToListAsync(cancellationToken));

        var sent = 0;
        foreach (var item in pending)
        {
            // Claimed before it is sent, by one conditional update: when two jobs (or two instances)
            // send pending mail at once, only the one whose update took the row sends it.
            var claimed = await db.Notifications.Where(n => n.Id == item.Id && n.EmailSentAtUtc == null)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailSentAtUtc, nowUtc), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                var to = item.Address is { } address ? [address] : await ProviderRecipientsAsync(item.ProviderId!.Value, cancellationToken);
                await email.SendAsync(to, item.Subject, item.Body, cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                or System.Net.Sockets.SocketException or IOException)
            {
                // Not sent: pending again for the next run.
                await db.Notifications.Where(n => n.Id == item.Id)
                    .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailSentAtUtc, (DateTime?)null), CancellationToken.None);
                LogNotSent(logger, e, item.Id);
            }
        }

        return sent;
    }

    /// <summary>Where a provider's notifications are e-mailed: its contact address, else its confirmed coaches' (empty when neither).</summary>
    public async Task<IReadOnlyList<string>> ProviderRecipientsAsync(long providerId, CancellationToken cancellationToken)
    {
        var contact = await db.Providers.Where(p => p.Id == providerId).Select(p => p.ContactEmail).SingleOrDefaultAsync(cancellationToken);
        return contact is not null
            ? [contact]
            : await Coaches().Where(u => u.ProviderId == providerId).Select(u => u.Email!).Order().ToListAsync(cancellationToken);
    }

    public bool SendsEmail => email.IsConfigured;

    /// <summary>Coaches who may see their provider's participants (confirmed), with an address.</summary>
    private IQueryable<UserAccount> Coaches() =>
        db.Users.Where(u => u.Role == UserRole.Coach && u.ProviderId != null && u.ProviderConfirmedAtUtc != null && u.Email != null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not e-mail notification {NotificationId}; it is retried on the next run")]
    private static partial void LogNotSent(ILogger logger, Exception exception, long notificationId);
}
