using Microsoft.AspNetCore.Authorization;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Progression;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.FollowUps;

/// <summary>
/// The coach's start page, "Att göra": the follow-ups due and overdue first (what the reminders
/// lead to), then participations past their expected length, and the provider's interventions.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ToDoModel : UiPage
{
    public IReadOnlyList<FollowUpResponse> FollowUps { get; private set; } = [];

    public int FollowUpsTotal { get; private set; }

    public IReadOnlyList<PastExpectedLengthResponse> PastExpectedLength { get; private set; } = [];

    public IReadOnlyList<InterventionResponse> Interventions { get; private set; } = [];

    /// <summary>Referrals waiting longer than the configured days (issue 19).</summary>
    public LongWaitingReferralsResponse LongWaiting { get; private set; } = new(0, []);

    /// <summary>Progression measurements due and overdue (issue 21).</summary>
    public IReadOnlyList<DueMeasurementResponse> Measurements { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var overdue = await Sender.Send(new ListFollowUpsQuery(nameof(FollowUpStatus.Overdue), null, null, 1, Paging.MaxPageSize), Aborted);
        var due = await Sender.Send(new ListFollowUpsQuery(nameof(FollowUpStatus.Due), null, null, 1, Paging.MaxPageSize), Aborted);
        FollowUps = [.. overdue.Items.Concat(due.Items).OrderBy(f => f.WindowCloses).ThenBy(f => f.Id)];
        FollowUpsTotal = overdue.TotalCount + due.TotalCount;
        PastExpectedLength = await Sender.Send(new ListPastExpectedLengthQuery(), Aborted);
        LongWaiting = await Sender.Send(new ListLongWaitingReferralsQuery(), Aborted);
        Measurements = await Sender.Send(new ListDueMeasurementsQuery(), Aborted);
        Interventions = Caller.AssociationId is { } associationId
            ? await Sender.Send(new ListInterventionsQuery(associationId, Caller.ProviderId), Aborted)
            : [];
    }
}
