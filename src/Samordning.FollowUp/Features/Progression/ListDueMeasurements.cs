using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>
/// The coach's measurements due and overdue (the start page lists them like follow-ups): the
/// provider's participations that run, or ended within the last 90 days, overdue first.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ListDueMeasurementsQuery(int Limit = 100) : IQuery<IReadOnlyList<DueMeasurementResponse>>;

internal sealed class ListDueMeasurementsHandler(FollowUpDbContext db, TimeProvider clock, CallerContext callers, IdentityProtector protector)
    : IQueryHandler<ListDueMeasurementsQuery, IReadOnlyList<DueMeasurementResponse>>
{
    private const int EndedWithinDays = 90;

    public async ValueTask<IReadOnlyList<DueMeasurementResponse>> Handle(ListDueMeasurementsQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        if (caller.AssociationId is not { } associationId)
        {
            return [];
        }

        var today = clock.Today();
        var versions = await Instruments.Full(db).Where(i => i.AssociationId == associationId).ToListAsync(cancellationToken);
        var inForce = Instruments.AllInForce(versions, today);
        if (inForce.Count == 0)
        {
            return [];
        }

        var endedFrom = today.AddDays(-EndedWithinDays);
        var participations = db.Participations.AsNoTracking().VisibleTo(caller)
            .Where(p => p.Intervention!.RegistrationMode != RegistrationMode.CountOnly
                && p.ExitReason != ExitReason.RegisteredInError
                && (p.EndDate == null || p.EndDate >= endedFrom));
        var rows = await participations
            .Select(p => new { p.Id, p.InterventionId, p.Intervention!.Name, p.Intervention.Orientation, p.StartDate, p.EndDate, p.Participant!.IdentityCipher })
            .ToListAsync(cancellationToken);
        var taken = await (from m in db.ProgressionMeasurements
                           join i in db.ProgressionInstruments on m.InstrumentId equals i.Id
                           where m.CorrectedAtUtc == null && participations.Any(p => p.Id == m.ParticipationId)
                           select new MeasurementTaken(m.ParticipationId, i.Code, m.Point, m.MeasuredOn))
            .ToListAsync(cancellationToken);
        var takenBy = taken.ToLookup(t => t.ParticipationId);
        var due = from p in rows
                  from i in inForce
                  where i.Uses(p.InterventionId, p.Orientation)
                  from d in MeasurementDue.Points(i, p.StartDate, p.EndDate, [.. takenBy[p.Id]], today)
                  select new DueMeasurementResponse(p.Id, p.InterventionId, p.Name, i.Code, i.Name, d.Point, d.DueOn, d.WindowCloses, d.Overdue,
                      p.IdentityCipher is null ? null : protector.Decrypt(p.IdentityCipher).Masked);
        return [.. due.OrderByDescending(d => d.Overdue).ThenBy(d => d.WindowCloses).ThenBy(d => d.ParticipationId)
            .Take(Math.Clamp(query.Limit, 1, Paging.MaxPageSize))];
    }
}

public static class ListDueMeasurementsEndpoint
{
    public static RouteGroupBuilder MapListDueMeasurements(this RouteGroupBuilder group)
    {
        group.MapGet("/measurements/due", async Task<Ok<IReadOnlyList<DueMeasurementResponse>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDueMeasurementsQuery(), ct)))
            .WithName("ListDueMeasurements")
            .WithSummary("The coach's progression measurements due and overdue, overdue first.");
        return group;
    }
}
