using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// The recurring jobs and their ids. Each job (one class per file beside this one) sends one
/// command: the same checks and code as an HTTP call, and nothing that a second run or a run
/// after a crash would do differently.
/// </summary>
public static class RecurringJobs
{
    public const string FollowUpScheduler = "follow-up-scheduler";
    public const string FollowUpReminders = "follow-up-reminders";
    public const string Indicators = "indicator-computation";
    public const string IndicatorsAfterTertial = "indicator-computation-after-tertial";
    public const string TertialReportDraft = "tertial-report-draft";
    public const string TertialAttestationReminders = "tertial-attestation-reminders";
    public const string IdentityRetention = "identity-retention";
    public const string IdentityKeyRotation = "identity-key-rotation";
    public const string FollowUpInvitations = "follow-up-invitations";

    public static readonly IReadOnlyList<string> All =
        [FollowUpScheduler, FollowUpReminders, Indicators, IndicatorsAfterTertial, TertialReportDraft, TertialAttestationReminders, IdentityRetention,
            IdentityKeyRotation, FollowUpInvitations];

    /// <summary>Registers (or updates) every recurring job; crons come from configuration.</summary>
    public static void Register(IServiceProvider services)
    {
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var followUps = services.GetRequiredService<IOptions<FollowUpOptions>>().Value;
        var jobs = services.GetRequiredService<IOptions<JobOptions>>().Value;
        var options = new RecurringJobOptions { TimeZone = Clock.Sweden };
        manager.AddOrUpdate<FollowUpSchedulerJob>(FollowUpScheduler, j => j.RunAsync(CancellationToken.None), followUps.SchedulerCron, options);
        manager.AddOrUpdate<FollowUpRemindersJob>(FollowUpReminders, j => j.RunAsync(CancellationToken.None), followUps.RemindersCron, options);
        manager.AddOrUpdate<IndicatorComputationJob>(Indicators, j => j.RunAsync(CancellationToken.None), jobs.IndicatorsCron, options);
        manager.AddOrUpdate<IndicatorComputationJob>(IndicatorsAfterTertial, j => j.RunAsync(CancellationToken.None), jobs.IndicatorsAfterTertialCron, options);
        var reports = services.GetRequiredService<IOptions<ReportOptions>>().Value;
        manager.AddOrUpdate<TertialDraftJob>(TertialReportDraft, j => j.RunAsync(CancellationToken.None), reports.DraftCron, options);
        var cycle = services.GetRequiredService<IOptions<TertialCycleOptions>>().Value;
        manager.AddOrUpdate<TertialAttestationRemindersJob>(TertialAttestationReminders, j => j.RunAsync(CancellationToken.None), cycle.ReminderCron, options);
        manager.AddOrUpdate<IdentityRetentionJob>(IdentityRetention, j => j.RunAsync(CancellationToken.None), jobs.IdentityRetentionCron, options);

        var answerLinks = services.GetRequiredService<IOptions<AnswerLinkOptions>>().Value;
        manager.AddOrUpdate<FollowUpInvitationsJob>(FollowUpInvitations, j => j.RunAsync(CancellationToken.None), answerLinks.InvitationsCron, options);

        // Never on a schedule: run after a key rotation with POST /api/v1/jobs/identity-key-rotation/run.
        manager.AddOrUpdate<IdentityKeyRotationJob>(IdentityKeyRotation, j => j.RunAsync(CancellationToken.None), Cron.Never(), options);
    }
}
