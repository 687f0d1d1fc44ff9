using System.Text.Json.Serialization;
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
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// The office's "Påminn": every provider of the tertial's cycle that has not attested gets a
/// reminder (a notification, and e-mail when SMTP is configured). Once per provider and day: sent
/// again the same day it reminds nobody twice and says who already had one.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record RemindTertialProvidersCommand : ICommand<TertialRemindersResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

internal sealed class RemindTertialProvidersValidator : AbstractValidator<RemindTertialProvidersCommand>
{
    public RemindTertialProvidersValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class RemindTertialProvidersHandler(
    FollowUpDbContext db, TertialCycleNotices notices, TertialCycleProviders providers, TimeProvider clock)
    : ICommandHandler<RemindTertialProvidersCommand, TertialRemindersResponse>
{
    public async ValueTask<TertialRemindersResponse> Handle(RemindTertialProvidersCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var today = clock.Today();
        if (Tertials.End(command.Year, command.Tertial) >= today)
        {
            throw new RuleViolationException("tertial", "Utförarna kan påminnas först när tertialen har slutat.");
        }

        if (await providers.IsAdoptedAsync(command.AssociationId, command.Year, command.Tertial, cancellationToken))
        {
            throw new ConflictException(TertialCycleProviders.AdoptedMessage);
        }

        var result = await notices.RemindAsync(command.AssociationId, command.Year, command.Tertial, today, today, cancellationToken);
        await notices.SendPendingAsync(cancellationToken);
        return result;
    }
}

public static class RemindTertialProvidersEndpoint
{
    public static RouteGroupBuilder MapRemindTertialProviders(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}/reminders", async Task<Ok<TertialRemindersResponse>> (
                long associationId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RemindTertialProvidersCommand
                {
                    AssociationId = associationId, Year = year, Tertial = tertial,
                }, ct)))
            .WithName("RemindTertialProviders")
            .WithSummary("The office reminds every provider of the tertial's cycle that has not attested (a notification, and e-mail when SMTP is configured); once per provider and day.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
