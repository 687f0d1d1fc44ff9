using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Runs before validation and the handler of every message: the caller's role must be one the
/// message admits (else 403), and the entity it concerns must lie in the caller's association
/// or provider (else 404, the same answer as for an id that does not exist, so nothing can be
/// inferred about other providers' participants).
/// </summary>
internal sealed class AuthorizationBehavior<TMessage, TResponse>(CallerContext callers, FollowUpDbContext db, CheckedEntities checkedEntities)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var rule = AccessRules.For(typeof(TMessage))
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no [Access] rule; every message needs one.");
        var caller = callers.Current;
        checkedEntities.Clear();
        if (!caller.IsSystem)
        {
            if (!caller.IsSignedIn)
            {
                throw new UnauthenticatedException();
            }

            if (!rule.Roles.Contains(caller.Role!.Value))
            {
                throw new ForbiddenException();
            }

            if (caller.AwaitsProviderConfirmation)
            {
                throw new ForbiddenException(Caller.AwaitingConfirmationMessage);
            }

            if (caller.Role != UserRole.SystemAdmin)
            {
                await EnsureInScopeAsync(message, caller, cancellationToken);
            }
        }

        return await next(message, cancellationToken);
    }

    private async Task EnsureInScopeAsync(TMessage message, Caller caller, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case IAssociationScoped m:
                if (m.AssociationId != caller.AssociationId)
                {
                    throw new NotFoundException(NotFoundMessages.Association);
                }

                break;
            case IProviderScoped m:
                Check(await db.Providers.Where(p => p.Id == m.ProviderId)
                    .Select(p => new Owner(p.AssociationId, p.Id)).SingleOrDefaultAsync(cancellationToken),
                    caller, NotFoundMessages.Provider);
                break;
            case IInterventionScoped m:
                // The whole row (one row either way), so that the handler need not read it again.
                var intervention = await ScopeQueries.Intervention(db, m.InterventionId, cancellationToken);
                Check(intervention is null ? null : new Owner(intervention.AssociationId, intervention.ProviderId), caller, NotFoundMessages.Intervention);
                if (intervention is not null)
                {
                    checkedEntities.Checked(intervention);
                }

                break;
            case IParticipationScoped m:
                Check(await db.Participations.Where(p => p.Id == m.ParticipationId)
                    .Select(p => new Owner(p.Intervention!.AssociationId, p.Intervention.ProviderId)).SingleOrDefaultAsync(cancellationToken),
                    caller, NotFoundMessages.Participation);
                break;
            case IFollowUpScoped m:
                Check(await db.TwelveMonthFollowUps.Where(f => f.Id == m.FollowUpId)
                    .Select(f => new Owner(f.Participation!.Intervention!.AssociationId, f.Participation.Intervention.ProviderId))
                    .SingleOrDefaultAsync(cancellationToken),
                    caller, NotFoundMessages.FollowUp);
                break;
            case IReferralScoped m:
                Check(await db.Referrals.Where(r => r.Id == m.ReferralId)
                    .Select(r => new Owner(r.Intervention!.AssociationId, r.Intervention.ProviderId)).SingleOrDefaultAsync(cancellationToken),
                    caller, NotFoundMessages.Referral);
                break;
        }
    }

    /// <summary>A coach sees its provider's entities; the office and the board their association's.</summary>
    private static void Check(Owner? owner, Caller caller, string notFound)
    {
        if (owner is null)
        {
            // The handler answers 404 for an id that does not exist, in its own words.
            return;
        }

        var visible = caller.Role == UserRole.Coach
            ? owner.ProviderId == caller.ProviderId
            : owner.AssociationId == caller.AssociationId;
        if (!visible)
        {
            throw new NotFoundException(notFound);
        }
    }

    private sealed record Owner(long AssociationId, long ProviderId);
}

/// <summary>
/// The check's read of an intervention, compiled once: it runs before every intake, exit and
/// follow-up, and a LINQ query is otherwise built and looked up in EF Core's query cache on each.
/// </summary>
internal static class ScopeQueries
{
    public static readonly Func<FollowUpDbContext, long, CancellationToken, Task<Intervention?>> Intervention =
        EF.CompileAsyncQuery((FollowUpDbContext db, long id, CancellationToken _) => db.Interventions.AsNoTracking().SingleOrDefault(i => i.Id == id));
}
