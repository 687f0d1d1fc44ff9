using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// The cycle's messages to providers and the office: stored as notifications (the provider's
/// coaches and the office read them in the service) and e-mailed when SMTP is configured. Each
/// is written once: opening once per provider and tertial, a reminder once per provider from a
/// given day on (the job: from its reminder day; the office's "Påminn": per day).
/// </summary>
internal sealed class TertialCycleNotices(
    FollowUpDbContext db, TertialCycleProviders providers, NotificationMailer mailer, TimeProvider clock, IOptions<FollowUpOptions> followUps)
{
    /// <summary>Tells every provider of the tertial's cycle, and each office, that the tertial's reporting is open.</summary>
    public async Task<int> OpenAsync(int year, int tertial, CancellationToken cancellationToken)
    {
        var end = Tertials.End(year, tertial);
        var now = clock.GetUtcNow().UtcDateTime;
        var associations = await db.Associations.AsNoTracking()
            .Where(a => !db.ReportAdoptions.Any(r => r.AssociationId == a.Id && r.Year == year && r.Tertial == tertial))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var associationId in associations)
        {
            var inCycle = await providers.InCycle(associationId, year, tertial).CountAsync(cancellationToken);
            if (inCycle == 0)
            {
                continue;
            }

            var toTell = await providers.InCycle(associationId, year, tertial)
                .Where(p => !db.Notifications.Any(n => n.ProviderId == p.Id && n.Kind == NotificationKind.TertialCycleOpened && n.ForDate == end))
                .OrderBy(p => p.Id)
                .Select(p => p.Id)
                .ToListAsync(cancellationToken);
            foreach (var providerId in toTell)
            {
                db.Notifications.Add(new Notification
                {
                    AssociationId = associationId,
                    ProviderId = providerId,
                    Kind = NotificationKind.TertialCycleOpened,
                    ForDate = end,
                    Subject = $"Tertialrapporteringen för T{tertial} {year} är öppen",
                    Body = ProviderBody(year, tertial,
                        $"Tertialen T{tertial} {year} ({SwedishFormat.Period(Tertials.Start(year, tertial), end)}) har slutat. "
                        + "Gå igenom checklistan, skriv era kommentarer per insats och intyga att era siffror är fullständiga."),
                    ItemCount = 1,
                    CreatedAtUtc = now,
                });
            }

            var officeTold = await db.Notifications.AnyAsync(n => n.AssociationId == associationId && n.ProviderId == null
                && n.Kind == NotificationKind.TertialCycleOpened && n.ForDate == end, cancellationToken);
            if (!officeTold)
            {
                db.Notifications.Add(new Notification
                {
                    AssociationId = associationId,
                    Kind = NotificationKind.TertialCycleOpened,
                    ForDate = end,
                    Subject = $"Tertialrapporteringen för T{tertial} {year} är öppen",
                    Body = $"{inCycle} utförare har insatser under T{tertial} {year} och har fått besked om att intyga sina siffror. "
                        + $"Följ rapporteringen, godkänn eller skicka tillbaka: {Link($"/kansli/tertialrapportering/{year}/{tertial}")}",
                    ItemCount = inCycle,
                    CreatedAtUtc = now,
                });
            }

            created += toTell.Count + (officeTold ? 0 : 1);
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>
    /// Reminds every provider of the cycle that has not attested (open, or sent back) and has had
    /// no reminder dated <paramref name="since"/> or later; the new reminders are dated <paramref name="forDate"/>.
    /// </summary>
    public async Task<TertialRemindersResponse> RemindAsync(
        long associationId, int year, int tertial, DateOnly forDate, DateOnly since, CancellationToken cancellationToken)
    {
        var notAttested = await providers.NotInAsync(associationId, year, tertial,
            [TertialReportState.Attested, TertialReportState.Accepted], cancellationToken);
        var ids = notAttested.Select(p => p.ProviderId).ToList();
        var reminded = await db.Notifications.AsNoTracking()
            .Where(n => n.AssociationId == associationId && n.Kind == NotificationKind.TertialAttestationReminder && n.ForDate >= since
                && n.ProviderId != null && ids.Contains(n.ProviderId.Value))
            .Select(n => n.ProviderId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        var toRemind = notAttested.Where(p => !reminded.Contains(p.ProviderId)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var provider in toRemind)
        {
            var returned = provider.State == TertialReportState.Open && await db.ProviderTertialTransitions
                .AnyAsync(t => t.To == TertialReportState.Open && db.ProviderTertialReports.Any(r => r.Id == t.ReportId
                    && r.ProviderId == provider.ProviderId && r.Year == year && r.Tertial == tertial), cancellationToken);
            db.Notifications.Add(new Notification
            {
                AssociationId = associationId,
                ProviderId = provider.ProviderId,
                Kind = NotificationKind.TertialAttestationReminder,
                ForDate = forDate,
                Subject = $"Påminnelse: intyga tertialrapporteringen för T{tertial} {year}",
                Body = ProviderBody(year, tertial, returned
                    ? $"Förbundet skickade tillbaka er rapport för T{tertial} {year} med en anmärkning. Rätta det som behövs och intyga igen."
                    : $"{provider.Name} har ännu inte intygat sina siffror för T{tertial} {year}. Förbundet väntar på er rapport för att kunna fastställa tertialen."),
                ItemCount = 1,
                CreatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TertialRemindersResponse(associationId, year, tertial,
            [.. toRemind.Select(p => p.Name)], [.. notAttested.Where(p => reminded.Contains(p.ProviderId)).Select(p => p.Name)]);
    }

    /// <summary>E-mails what is pending (when SMTP is configured).</summary>
    public Task<int> SendPendingAsync(CancellationToken cancellationToken) => mailer.SendPendingAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private string ProviderBody(int year, int tertial, string first) =>
        $"{first}\n\nTertialrapporteringen i Samordning Uppföljning: {Link($"/tertialrapportering/{year}/{tertial}")}";

    private string Link(string path) =>
        string.IsNullOrWhiteSpace(followUps.Value.PublicBaseUrl) ? path : followUps.Value.PublicBaseUrl.TrimEnd('/') + path;
}

/// <summary>Who was reminded now, and who already had a reminder (so nothing was sent to them again).</summary>
public sealed record TertialRemindersResponse(
    long AssociationId, int Year, int Tertial, IReadOnlyList<string> Reminded, IReadOnlyList<string> AlreadyReminded);
