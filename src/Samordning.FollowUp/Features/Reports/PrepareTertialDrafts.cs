using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// N days after a tertial ends, prepares its draft report for each association and tells the
/// office (a notification, and e-mail when configured). Once per association and tertial;
/// a closed tertial needs no draft.
/// </summary>
[Access] // system only: sent by a job
public sealed record PrepareTertialDraftsCommand : ICommand<int>;

internal sealed class PrepareTertialDraftsHandler(
    FollowUpDbContext db, TimeProvider clock, TertialReportBuilder builder, NotificationMailer mailer, IOptions<ReportOptions> options)
    : ICommandHandler<PrepareTertialDraftsCommand, int>
{
    public async ValueTask<int> Handle(PrepareTertialDraftsCommand command, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var (year, tertial) = Tertials.LastEnded(today);
        var end = Tertials.End(year, tertial);
        if (today < end.AddDays(options.Value.DraftDaysAfterTertialEnd))
        {
            return 0;
        }

        var associations = await db.Associations.AsNoTracking()
            .Where(a => !db.Notifications.Any(n => n.AssociationId == a.Id && n.Kind == NotificationKind.TertialReportDraft && n.ForDate == end)
                && !db.ReportAdoptions.Any(r => r.AssociationId == a.Id && r.Year == year && r.Tertial == tertial))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (var associationId in associations)
        {
            var report = await builder.BuildAsync(associationId, year, tertial, ReportMode.YearToDate, cancellationToken);
            db.Notifications.Add(new Notification
            {
                AssociationId = associationId,
                Kind = NotificationKind.TertialReportDraft,
                ForDate = end,
                Subject = $"Utkast till tertialrapport T{tertial} {year} är klart att granska",
                Body = Body(report),
                ItemCount = report.Total.Active.Total,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await mailer.SendPendingAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        return associations.Count;
    }

    private static string Body(TertialReport report)
    {
        var h = report.Header;
        var t = report.Total;
        var lines = new List<string>
        {
            $"Utkastet till tertialrapporten för {h.AssociationName}, T{h.Tertial} {h.Year} (hittills i år, {SwedishFormat.Date(h.PeriodFrom)} – {SwedishFormat.Date(h.PeriodTo)}), är klart.",
            "",
            $"Deltagare aktiva hittills i år: {SwedishFormat.Number(t.Active.Total)} ({SwedishFormat.Number(t.Active.Women)} kvinnor, {SwedishFormat.Number(t.Active.Men)} män); planerat {SwedishFormat.OneDecimal(t.PlannedParticipantsProRata)} hittills.",
            $"Budget {SwedishFormat.Kronor(t.BudgetSek)}, utfall {SwedishFormat.Kronor(t.ActualCostSek)}.",
        };
        foreach (var indicator in t.Indicators)
        {
            lines.Add($"{indicator.Code}: {SwedishFormat.Percent(indicator.Total.Rate)} (mål {SwedishFormat.Percent(indicator.Total.TargetPercent)}), {SwedishFormat.Label(indicator.Status)}.");
        }

        lines.Add("");
        lines.Add($"Granska och fastställ rapporten i tjänsten: /api/v1/associations/{h.AssociationId}/reports/tertial/{h.Year}/{h.Tertial}");
        return string.Join('\n', lines);
    }
}
