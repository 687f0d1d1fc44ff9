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

/// <summary>Every version of every instrument of the association, by code and version.</summary>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record ListInstrumentsQuery(long AssociationId) : IQuery<IReadOnlyList<InstrumentResponse>>, IAssociationScoped;

internal sealed class ListInstrumentsHandler(FollowUpDbContext db) : IQueryHandler<ListInstrumentsQuery, IReadOnlyList<InstrumentResponse>>
{
    public async ValueTask<IReadOnlyList<InstrumentResponse>> Handle(ListInstrumentsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var instruments = await Instruments.Full(db).Where(i => i.AssociationId == query.AssociationId)
            .OrderBy(i => i.Code).ThenBy(i => i.Version)
            .ToListAsync(cancellationToken);
        return [.. instruments.Select(i => i.ToResponse())];
    }
}

public static class ListInstrumentsEndpoint
{
    public static RouteGroupBuilder MapListInstruments(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/progression-instruments", async Task<Ok<IReadOnlyList<InstrumentResponse>>> (
                long associationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInstrumentsQuery(associationId), ct)))
            .WithName("ListProgressionInstruments")
            .WithSummary("The association's progression instruments, every version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}

/// <summary>Reading instruments: with their factors, labels and interventions; the version in force.</summary>
internal static class Instruments
{
    public static IQueryable<ProgressionInstrument> Full(FollowUpDbContext db) =>
        db.ProgressionInstruments.AsNoTracking().AsSplitQuery()
            .Include(i => i.Factors).Include(i => i.ScaleLabels).Include(i => i.Interventions);

    public static Task<ProgressionInstrument?> LatestAsync(FollowUpDbContext db, long associationId, string code, CancellationToken cancellationToken) =>
        Full(db).Where(i => i.AssociationId == associationId && i.Code == code)
            .OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The version in force on a day: the latest one valid from on or before it.</summary>
    public static ProgressionInstrument? InForce(IEnumerable<ProgressionInstrument> versions, string code, DateOnly day) =>
        versions.Where(i => i.Code == code && i.ValidFrom <= day)
            .OrderByDescending(i => i.ValidFrom).ThenByDescending(i => i.Version)
            .FirstOrDefault();

    /// <summary>Every instrument's version in force on a day, by code.</summary>
    public static List<ProgressionInstrument> AllInForce(IReadOnlyCollection<ProgressionInstrument> versions, DateOnly day) =>
        [.. versions.Select(v => v.Code).Distinct().Order(StringComparer.Ordinal).Select(code => InForce(versions, code, day)).OfType<ProgressionInstrument>()];

    /// <summary>Whether an instrument version applies to an intervention (none listed: every individual-focused one).</summary>
    public static bool Uses(this ProgressionInstrument instrument, long interventionId, Orientation orientation) =>
        instrument.Interventions.Count == 0
            ? orientation == Orientation.IndividualFocused
            : instrument.Interventions.Any(x => x.InterventionId == interventionId);

    public static async Task CheckInterventionsAsync(
        FollowUpDbContext db, long associationId, IReadOnlyList<long>? interventionIds, CancellationToken cancellationToken)
    {
        var ids = (interventionIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var found = await db.Interventions.CountAsync(
            i => ids.Contains(i.Id) && i.AssociationId == associationId && i.RegistrationMode != RegistrationMode.CountOnly, cancellationToken);
        if (found != ids.Count)
        {
            throw new RuleViolationException("interventionIds",
                "En eller flera insatser finns inte i förbundet eller registrerar bara antal (där mäts ingen progression).");
        }
    }
}
