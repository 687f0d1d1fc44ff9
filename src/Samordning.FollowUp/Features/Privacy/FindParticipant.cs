using FluentValidation;
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
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// A coach checks whether someone is already registered at its own provider. The number is
/// looked up through the keyed HMAC (it is never compared in clear), sent in the body so it
/// stays out of URLs and logs, and the search is audited whether or not it finds anyone.
/// </summary>
[Access(UserRole.Coach)]
public sealed record FindParticipantQuery(string? PersonalIdentityNumber) : IQuery<FindParticipantResponse>, IPersonalIdentityNumberRequest
{
    // A record prints its members; this one is a personnummer and must never reach a log line.
    public override string ToString() => nameof(FindParticipantQuery);
}

public sealed record FindParticipantResponse(bool Found, IReadOnlyList<ParticipationResponse> Participations)
{
    /// <summary>The person's referrals at the provider (a person may be referred and not yet started).</summary>
    public IReadOnlyList<FoundReferral> Referrals { get; init; } = [];
}

public sealed record FoundReferral(long Id, long InterventionId, ReferralState State, DateOnly ReceivedOn);

internal sealed class FindParticipantValidator : AbstractValidator<FindParticipantQuery>
{
    public FindParticipantValidator(TimeProvider clock) => PersonalIdentityNumberRules.AddRules(this, clock);
}

internal sealed class FindParticipantHandler(
    FollowUpDbContext db, IdentityProtector protector, CallerContext callers, ParticipationReader reader, AuditLog audit, TimeProvider clock)
    : IQueryHandler<FindParticipantQuery, FindParticipantResponse>
{
    public async ValueTask<FindParticipantResponse> Handle(FindParticipantQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var hash = protector.Hash(PersonalIdentityNumber.Parse(query.PersonalIdentityNumber!, clock.Today()));
        var participantId = await db.Participants.AsNoTracking()
            .Where(p => p.ProviderId == caller.ProviderId && p.IdentityHash == hash)
            .Select(p => (long?)p.Id)
            .SingleOrDefaultAsync(cancellationToken);
        IReadOnlyList<ParticipationResponse> found = participantId is { } id
            ? await reader.ListAsync(db.Participations.AsNoTracking().Where(p => p.ParticipantId == id).OrderBy(p => p.StartDate), cancellationToken)
            : [];
        List<FoundReferral> referrals = participantId is { } person
            ? await db.Referrals.AsNoTracking().Where(r => r.ParticipantId == person).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
                .Select(r => new FoundReferral(r.Id, r.InterventionId, r.State, r.ReceivedOn)).ToListAsync(cancellationToken)
            : [];
        await audit.WriteAsync(AuditAction.IdentitySearch, AuditLog.Participant, participantId, caller.AssociationId, caller.ProviderId,
            found.Count == 0 && referrals.Count == 0 ? "Ingen träff"
            : referrals.Count == 0 ? $"{found.Count} deltaganden" : $"{found.Count} deltaganden, {referrals.Count} anvisningar", cancellationToken);
        return new FindParticipantResponse(found.Count > 0 || referrals.Count > 0, found) { Referrals = referrals };
    }
}

public static class FindParticipantEndpoint
{
    public static RouteGroupBuilder MapFindParticipant(this RouteGroupBuilder group)
    {
        group.MapPost("/participations/search", async Task<Ok<FindParticipantResponse>> (FindParticipantQuery query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("FindParticipant")
            .WithSummary("Is this personnummer registered at my provider? The number goes in the body; the search is audited.")
            .ProducesValidationProblem();
        return group;
    }
}
