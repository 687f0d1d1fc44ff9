using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// Sent daily by the reminder job: from <c>TertialCycle:ReminderDaysAfterTertialEnd</c> days after
/// the last ended tertial, every provider of a not yet adopted cycle that has not attested gets one
/// reminder (none if it was reminded on or after that day already, by the job or the office).
/// </summary>
[Access] // system only: sent by a job
public sealed record SendTertialAttestationRemindersCommand : ICommand<TertialCycleJobResult>;

internal sealed class SendTertialAttestationRemindersHandler(
    FollowUpDbContext db, TertialCycleNotices notices, TimeProvider clock, IOptions<TertialCycleOptions> options)
    : ICommandHandler<SendTertialAttestationRemindersCommand, TertialCycleJobResult>
{
    public async ValueTask<TertialCycleJobResult> Handle(SendTertialAttestationRemindersCommand command, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var (year, tertial) = Tertials.LastEnded(today);
        var reminderDay = Tertials.End(year, tertial).AddDays(options.Value.ReminderDaysAfterTertialEnd);
        if (today < reminderDay)
        {
            return new TertialCycleJobResult(0, 0);
        }

        var associations = await db.Associations.AsNoTracking()
            .Where(a => !db.ReportAdoptions.Any(r => r.AssociationId == a.Id && r.Year == year && r.Tertial == tertial))
            .OrderBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var associationId in associations)
        {
            created += (await notices.RemindAsync(associationId, year, tertial, today, reminderDay, cancellationToken)).Reminded.Count;
        }

        return new TertialCycleJobResult(created, await notices.SendPendingAsync(cancellationToken));
    }
}
