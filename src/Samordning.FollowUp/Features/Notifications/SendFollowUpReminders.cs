using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Features.Notifications;

/// <summary>
/// The daily digest: per provider, the follow-ups that became due or overdue since the last
/// digest. Each follow-up is told about once per state, so a second run the same day adds
/// nothing; mail that failed is retried on the next run.
/// </summary>
[Access] // system only: sent by a job
public sealed record SendFollowUpRemindersCommand : ICommand<FollowUpRemindersResult>;

public sealed record FollowUpRemindersResult(int NotificationsCreated, int EmailsSent);

internal sealed class SendFollowUpRemindersHandler(
    FollowUpDbContext db,
    TimeProvider clock,
    NotificationMailer mailer,
    IOptions<FollowUpOptions> options) : ICommandHandler<SendFollowUpRemindersCommand, FollowUpRemindersResult>
{
    private const int MaxLinesPerDigest = 200;

    public async ValueTask<FollowUpRemindersResult> Handle(SendFollowUpRemindersCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        var newlyDue = db.TwelveMonthFollowUps.Where(f =>
            (f.Status == FollowUpStatus.Due && f.DueNotifiedAtUtc == null)
            || (f.Status == FollowUpStatus.Overdue && f.OverdueNotifiedAtUtc == null));

        var providers = await newlyDue
            .GroupBy(f => new { f.Participation!.Intervention!.ProviderId, f.Participation.Intervention.AssociationId })
            .Select(g => new { g.Key.ProviderId, g.Key.AssociationId, Count = g.Count() })
            .ToListAsync(cancellationToken);

        foreach (var provider in providers)
        {
            await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
            // A subquery rather than a join: SQLite cannot update through a join to the target table.
            var ofProvider = db.Participations.Where(p => p.Intervention!.ProviderId == provider.ProviderId);
            var items = newlyDue.Where(f => ofProvider.Any(p => p.Id == f.ParticipationId));
            var lines = await items.OrderBy(f => f.DueDate).Take(MaxLinesPerDigest)
                .Select(f => new { f.Id, f.ParticipationId, f.DueDate, f.Status, Intervention = f.Participation!.Intervention!.Name })
                .ToListAsync(cancellationToken);
            var due = lines.Count(l => l.Status == FollowUpStatus.Due);
            var overdue = lines.Count(l => l.Status == FollowUpStatus.Overdue);

            var body = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Följande 12-månadersuppföljningar behöver göras ({provider.Count} st).")
                .AppendLine();
            foreach (var line in lines)
            {
                var state = line.Status == FollowUpStatus.Overdue ? "försenad" : "dags att följa upp";
                body.AppendLine(CultureInfo.InvariantCulture,
                    $"- {SwedishFormat.Reference(line.ParticipationId)}, {line.Intervention}: förfallodag {SwedishFormat.Date(line.DueDate)} ({state}) {Link(line.Id)}");
            }

            if (provider.Count > lines.Count)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"… och {provider.Count - lines.Count} till. Se listan över uppföljningar i tjänsten.");
            }

            db.Notifications.Add(new Notification
            {
                AssociationId = provider.AssociationId,
                ProviderId = provider.ProviderId,
                Kind = NotificationKind.FollowUpDigest,
                ForDate = clock.Today(),
                Subject = $"Uppföljningar att göra: {due} att följa upp, {overdue} försenade",
                Body = body.ToString(),
                ItemCount = provider.Count,
                CreatedAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);

            await items.Where(f => f.Status == FollowUpStatus.Due)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.DueNotifiedAtUtc, now), cancellationToken);
            await items.Where(f => f.Status == FollowUpStatus.Overdue)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.OverdueNotifiedAtUtc, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            created++;
        }

        return new FollowUpRemindersResult(created, await mailer.SendPendingAsync(now, cancellationToken));
    }

    private string Link(long followUpId) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"(uppföljning {followUpId})"
            : $"{options.Value.PublicBaseUrl.TrimEnd('/')}/uppfoljningar/{followUpId}";
}
