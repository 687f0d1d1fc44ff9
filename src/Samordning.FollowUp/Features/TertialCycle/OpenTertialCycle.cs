using Mediator;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// Sent daily by the draft-report job: <c>TertialCycle:OpenDaysAfterTertialEnd</c> days after a
/// tertial ends, every provider with an intervention in it is told that its reporting is open, and
/// so is the office (a notification, and e-mail when SMTP is configured). Once per provider and tertial.
/// </summary>
[Access] // system only: sent by a job
public sealed record OpenTertialCycleCommand : ICommand<TertialCycleJobResult>;

/// <summary>Notifications written by this run, and mail sent (pending mail included).</summary>
public sealed record TertialCycleJobResult(int NotificationsCreated, int EmailsSent);

internal sealed class OpenTertialCycleHandler(TertialCycleNotices notices, TimeProvider clock, IOptions<TertialCycleOptions> options)
    : ICommandHandler<OpenTertialCycleCommand, TertialCycleJobResult>
{
    public async ValueTask<TertialCycleJobResult> Handle(OpenTertialCycleCommand command, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var (year, tertial) = Tertials.LastEnded(today);
        if (today < Tertials.End(year, tertial).AddDays(options.Value.OpenDaysAfterTertialEnd))
        {
            return new TertialCycleJobResult(0, 0);
        }

        var created = await notices.OpenAsync(year, tertial, cancellationToken);
        return new TertialCycleJobResult(created, await notices.SendPendingAsync(cancellationToken));
    }
}
