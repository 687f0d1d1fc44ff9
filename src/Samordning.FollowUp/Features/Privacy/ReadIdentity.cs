using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// The one place the personnummer leaves the service in clear: to a coach of the owning
/// provider, one participation at a time, and every read is audited.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ReadIdentityQuery(long ParticipationId) : IQuery<IdentityResponse>, IParticipationScoped;

public sealed record IdentityResponse(long ParticipationId, string PersonalIdentityNumber, bool IsCoordinationNumber);

internal sealed class ReadIdentityHandler(FollowUpDbContext db, IdentityProtector protector, AuditLog audit)
    : IQueryHandler<ReadIdentityQuery, IdentityResponse>
{
    public async ValueTask<IdentityResponse> Handle(ReadIdentityQuery query, CancellationToken cancellationToken)
    {
        var row = await db.Participations.AsNoTracking()
            .Where(p => p.Id == query.ParticipationId)
            .Select(p => new { p.ParticipantId, p.Participant!.IdentityCipher, p.Intervention!.AssociationId, p.Intervention.ProviderId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        if (row.IdentityCipher is null)
        {
            throw new NotFoundException("Deltagandet har ingen personidentitet: deltagaren är anonym eller identiteten har raderats.");
        }

        var number = protector.Decrypt(row.IdentityCipher);
        await audit.WriteAsync(AuditAction.IdentityRead, AuditLog.Participation, query.ParticipationId, row.AssociationId, row.ProviderId,
            null, cancellationToken);
        return new IdentityResponse(query.ParticipationId, $"{number.Value[..8]}-{number.Value[8..]}", number.IsCoordinationNumber);
    }
}

public static class ReadIdentityEndpoint
{
    public static RouteGroupBuilder MapReadIdentity(this RouteGroupBuilder group)
    {
        group.MapGet("/participations/{id:long}/identity", async Task<Ok<IdentityResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReadIdentityQuery(id), ct)))
            .WithName("ReadIdentity")
            .WithSummary("The personnummer in clear, for a coach of the owning provider; every read is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
