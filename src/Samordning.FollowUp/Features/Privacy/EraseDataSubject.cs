using FluentValidation;
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

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// Erasure on request (GDPR art. 17) at the coach's provider: the identity goes, the
/// participations stay as an anonymous individual's. Audited.
/// </summary>
[Access(UserRole.Coach)]
public sealed record EraseDataSubjectCommand(string? PersonalIdentityNumber) : ICommand<EraseDataSubjectResponse>, IPersonalIdentityNumberRequest
{
    // A record prints its members; this one is a personnummer and must never reach a log line.
    public override string ToString() => nameof(EraseDataSubjectCommand);
}

public sealed record EraseDataSubjectResponse(int ParticipationsKeptAnonymous, DateTime ErasedAtUtc);

internal sealed class EraseDataSubjectValidator : AbstractValidator<EraseDataSubjectCommand>
{
    public EraseDataSubjectValidator(TimeProvider clock) => PersonalIdentityNumberRules.AddRules(this, clock);
}

internal sealed class EraseDataSubjectHandler(
    FollowUpDbContext db, IdentityProtector protector, CallerContext callers, IdentityEraser eraser, TimeProvider clock)
    : ICommandHandler<EraseDataSubjectCommand, EraseDataSubjectResponse>
{
    public async ValueTask<EraseDataSubjectResponse> Handle(EraseDataSubjectCommand command, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var hash = protector.Hash(PersonalIdentityNumber.Parse(command.PersonalIdentityNumber!, clock.Today()));
        var participant = await db.Participants
            .SingleOrDefaultAsync(p => p.ProviderId == caller.ProviderId && p.IdentityHash == hash, cancellationToken)
            ?? throw new NotFoundException("Utföraren har inga uppgifter om personnumret (de kan redan vara raderade).");
        var kept = await db.Participations.CountAsync(p => p.ParticipantId == participant.Id, cancellationToken);
        eraser.Erase(participant, caller.AssociationId!.Value, IdentityErasure.Request);
        await db.SaveChangesAsync(cancellationToken);
        return new EraseDataSubjectResponse(kept, participant.IdentityErasedAtUtc!.Value);
    }
}

public static class EraseDataSubjectEndpoint
{
    public static RouteGroupBuilder MapEraseDataSubject(this RouteGroupBuilder group)
    {
        group.MapPost("/data-subject/erase", async Task<Ok<EraseDataSubjectResponse>> (EraseDataSubjectCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command, ct)))
            .WithName("EraseDataSubject")
            .WithSummary("Erase a person's identity at the coach's provider on request; statistics stay. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
