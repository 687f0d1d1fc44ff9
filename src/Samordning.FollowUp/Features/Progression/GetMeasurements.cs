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

/// <param name="Instruments">The instruments the intervention uses, as in force today: what the form offers.</param>
/// <param name="Measurements">Every measurement, corrected ones too (the history), newest first.</param>
/// <param name="Due">The points due or overdue now.</param>
public sealed record MeasurementsResponse(
    long ParticipationId,
    IReadOnlyList<InstrumentResponse> Instruments,
    IReadOnlyList<MeasurementResponse> Measurements,
    IReadOnlyList<DueMeasurementResponse> Due);

[Access(UserRole.Coach)]
public sealed record GetMeasurementsQuery(long ParticipationId) : IQuery<MeasurementsResponse>, IParticipationScoped;

internal sealed class GetMeasurementsHandler(FollowUpDbContext db, TimeProvider clock) : IQueryHandler<GetMeasurementsQuery, MeasurementsResponse>
{
    public async ValueTask<MeasurementsResponse> Handle(GetMeasurementsQuery query, CancellationToken cancellationToken)
    {
        var p = await db.Participations.AsNoTracking().Where(x => x.Id == query.ParticipationId)
            .Select(x => new { x.Id, x.StartDate, x.EndDate, x.ExitReason, x.InterventionId, x.Intervention!.Name, x.Intervention.AssociationId, x.Intervention.Orientation })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        var today = clock.Today();
        var versions = await Instruments.Full(db).Where(i => i.AssociationId == p.AssociationId).ToListAsync(cancellationToken);
        var inForce = Instruments.AllInForce(versions, today).Where(i => i.Uses(p.InterventionId, p.Orientation)).ToList();
        var measurements = await db.ProgressionMeasurements.AsNoTracking().Include(m => m.Scores)
            .Where(m => m.ParticipationId == p.Id)
            .OrderByDescending(m => m.MeasuredOn).ThenByDescending(m => m.Id)
            .ToListAsync(cancellationToken);
        var byId = versions.ToDictionary(v => v.Id);
        var taken = measurements.Where(m => m.CorrectedAtUtc == null)
            .Select(m => new MeasurementTaken(m.ParticipationId, byId[m.InstrumentId].Code, m.Point, m.MeasuredOn)).ToList();
        var due = p.ExitReason == ExitReason.RegisteredInError
            ? []
            : inForce.SelectMany(i => MeasurementDue.Points(i, p.StartDate, p.EndDate, taken, today)
                .Select(d => new DueMeasurementResponse(p.Id, p.InterventionId, p.Name, i.Code, i.Name, d.Point, d.DueOn, d.WindowCloses, d.Overdue, null)))
                .ToList();
        return new MeasurementsResponse(
            p.Id,
            [.. inForce.Select(i => i.ToResponse())],
            [.. measurements.Select(m => m.ToResponse(byId[m.InstrumentId]))],
            due);
    }
}

public static class GetMeasurementsEndpoint
{
    public static RouteGroupBuilder MapGetMeasurements(this RouteGroupBuilder group)
    {
        group.MapGet("/participations/{id:long}/measurements", async Task<Ok<MeasurementsResponse>> (
                long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMeasurementsQuery(id), ct)))
            .WithName("GetMeasurements")
            .WithSummary("A participation's progression measurements with their history, the instruments its intervention uses, and what is due.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
