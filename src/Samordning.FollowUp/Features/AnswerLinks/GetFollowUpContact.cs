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

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>The consent and the contact, masked (the participation's page).</summary>
[Access(UserRole.Coach)]
public sealed record GetFollowUpContactQuery(long ParticipationId) : IQuery<FollowUpContactResponse>, IParticipationScoped;

/// <summary>The contact in clear, to a coach of the owning provider; every read is audited.</summary>
[Access(UserRole.Coach)]
public sealed record ReadFollowUpContactQuery(long ParticipationId) : IQuery<FollowUpContactResponse>, IParticipationScoped;

internal sealed class GetFollowUpContactHandler(FollowUpDbContext db, IdentityProtector protector, AuditLog audit)
    : IQueryHandler<GetFollowUpContactQuery, FollowUpContactResponse>, IQueryHandler<ReadFollowUpContactQuery, FollowUpContactResponse>
{
    public async ValueTask<FollowUpContactResponse> Handle(GetFollowUpContactQuery query, CancellationToken cancellationToken)
    {
        var (participation, participant, _) = await LoadAsync(query.ParticipationId, cancellationToken);
        return FollowUpContacts.Masked(participation, participant, protector);
    }

    public async ValueTask<FollowUpContactResponse> Handle(ReadFollowUpContactQuery query, CancellationToken cancellationToken)
    {
        var (participation, participant, intervention) = await LoadAsync(query.ParticipationId, cancellationToken);
        var contact = FollowUpContact.Read(participant.ContactCipher, protector);
        await audit.WriteAsync(AuditAction.ContactRead, AuditLog.Participation, participation.Id, intervention.AssociationId,
            intervention.ProviderId, null, cancellationToken);
        return new FollowUpContactResponse(participation.Id, participation.FollowUpContactConsent, contact?.Mobile, contact?.Email);
    }

    private async Task<(Participation, Participant, Intervention)> LoadAsync(long participationId, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.AsNoTracking().Include(p => p.Participant).Include(p => p.Intervention)
            .SingleOrDefaultAsync(p => p.Id == participationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        return (participation, participation.Participant!, participation.Intervention!);
    }
}

public static class GetFollowUpContactEndpoint
{
    public static RouteGroupBuilder MapGetFollowUpContact(this RouteGroupBuilder group)
    {
        group.MapGet("/participations/{id:long}/follow-up-contact", async Task<Ok<FollowUpContactResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFollowUpContactQuery(id), ct)))
            .WithName("GetFollowUpContact")
            .WithSummary("The consent to be contacted for the follow-up and the contact, masked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/participations/{id:long}/follow-up-contact/full", async Task<Ok<FollowUpContactResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReadFollowUpContactQuery(id), ct)))
            .WithName("ReadFollowUpContact")
            .WithSummary("The contact in clear, for a coach of the owning provider; every read is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
