using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.AnswerLinks;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// Daily: invites the people whose follow-up is due to answer through a one-time link, and
/// reminds them once. One run at a time across every instance (the lock); each message is also
/// claimed before it goes, so even two runs at once send nothing twice.
/// </summary>
public sealed class FollowUpInvitationsJob(ISender sender, CallerContext caller, JobStorage storage)
{
    public const string Lock = "samordning:follow-up-invitations";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.Acquire(storage, Lock, TimeSpan.FromMinutes(10));
        caller.RunAsSystem();
        await sender.Send(new SendFollowUpInvitationsCommand(), cancellationToken);
    }
}
