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

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// What an intake form starts with, so a coach types less: the association's consent text version,
/// the home municipality when the intervention serves only one, and the "Anvisad av" this coach
/// chose at the last intake. Each is null when there is nothing to suggest.
/// </summary>
[Access(UserRole.Coach)]
public sealed record GetIntakeDefaultsQuery(long InterventionId) : IQuery<IntakeDefaults>, IInterventionScoped;

public sealed record IntakeDefaults(string? ConsentTextVersion, string? HomeMunicipality, ReferredBy? ReferredBy);

internal sealed class GetIntakeDefaultsHandler(FollowUpDbContext db, CallerContext callers)
    : IQueryHandler<GetIntakeDefaultsQuery, IntakeDefaults>
{
    public async ValueTask<IntakeDefaults> Handle(GetIntakeDefaultsQuery query, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.AsNoTracking()
            .Where(i => i.Id == query.InterventionId)
            .Select(i => new { i.Municipalities, i.Association!.DefaultConsentTextVersion })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        var userId = callers.Current.UserId;
        var referredBy = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => u.LastReferredBy)
            .SingleOrDefaultAsync(cancellationToken);
        var served = intervention.Municipalities.Count == 1 ? Municipalities.Find(intervention.Municipalities[0])?.Name : null;
        return new IntakeDefaults(intervention.DefaultConsentTextVersion, served, referredBy);
    }
}

public static class GetIntakeDefaultsEndpoint
{
    public static RouteGroupBuilder MapGetIntakeDefaults(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{interventionId:long}/intake-defaults", async Task<Ok<IntakeDefaults>> (
                long interventionId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetIntakeDefaultsQuery(interventionId), ct)))
            .WithName("GetIntakeDefaults")
            .WithSummary("What the intake form starts with: the association's consent text version, the municipality when the intervention serves one, the coach's last \"referred by\".")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
