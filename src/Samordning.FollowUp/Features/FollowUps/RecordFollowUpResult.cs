using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>Records (POST) or corrects (PUT) what the coach found out at the 12-month follow-up.</summary>
/// <param name="Occupation">Required when the outcome is Reached ("Unknown" when not known); left out otherwise.</param>
[Access(UserRole.Coach)]
public sealed record RecordFollowUpResultCommand(
    FollowUpOutcome? Outcome,
    DateOnly? ContactedOn,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource>? IncomeSources) : ICommand<FollowUpResponse>, IFollowUpScoped
{
    [JsonIgnore]
    public long FollowUpId { get; init; }

    /// <summary>True for PUT: a result must exist. False for POST: none may exist yet.</summary>
    [JsonIgnore]
    public bool IsCorrection { get; init; }
}

internal sealed class RecordFollowUpResultValidator : AbstractValidator<RecordFollowUpResultCommand>
{
    public RecordFollowUpResultValidator(TimeProvider clock)
    {
        RuleFor(x => x.Outcome).NotNull().WithMessage("Utfall måste anges: nådd, ej anträffbar eller avböjde.");
        RuleFor(x => x.ContactedOn).NotNull().WithMessage("Datum för kontakten måste anges.")
            .NotInFuture(clock, "Datum för kontakten får inte vara i framtiden.");
        RuleFor(x => x.Occupation).NotNull().When(x => x.Outcome == FollowUpOutcome.Reached)
            .WithMessage("Sysselsättning måste anges när personen nåddes.");
        RuleFor(x => x.Occupation).Null().When(x => x.Outcome is FollowUpOutcome.Unreachable or FollowUpOutcome.Declined)
            .WithMessage("Sysselsättning anges bara när personen nåddes.");
        RuleFor(x => x.ExtentPercent).InclusiveBetween(0, 100).WithMessage("Omfattningen ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.IncomeSources).NoRepeatedIncomeSource().NoContradictoryIncomeSources();
    }
}

internal sealed class RecordFollowUpResultHandler(
    FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options, AuditLog audit, IdentityProtector protector, CallerContext callers)
    : ICommandHandler<RecordFollowUpResultCommand, FollowUpResponse>
{
    public async ValueTask<FollowUpResponse> Handle(RecordFollowUpResultCommand command, CancellationToken cancellationToken)
    {
        var followUp = await db.TwelveMonthFollowUps.Include(f => f.Result)
            .Include(f => f.Participation!).ThenInclude(p => p.Intervention)
            .SingleOrDefaultAsync(f => f.Id == command.FollowUpId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.FollowUp);
        if (followUp.Status == FollowUpStatus.Cancelled)
        {
            throw new ConflictException("Uppföljningen är avbruten eftersom avslutet inte längre ska följas upp.");
        }

        if (!command.IsCorrection && followUp.Result is not null)
        {
            throw new ConflictException("Uppföljningen är redan registrerad. Rätta den med PUT i stället.", "outcome");
        }

        if (command.IsCorrection && followUp.Result is null)
        {
            throw new ConflictException("Uppföljningen har inget resultat att rätta. Registrera det med POST först.", "outcome");
        }

        var contactedOn = command.ContactedOn!.Value;
        var opens = options.Value.WindowOpens(followUp.DueDate);
        var closes = options.Value.WindowCloses(followUp.DueDate);
        if (contactedOn < opens || contactedOn > closes)
        {
            throw new RuleViolationException("contactedOn",
                $"Uppföljningen kan registreras från {SwedishFormat.Date(opens)} till {SwedishFormat.Date(closes)} (förfallodag {SwedishFormat.Date(followUp.DueDate)}).");
        }

        // "Ej anträffbar" only after real tries to reach the person (domain §5; configurable).
        var minimum = options.Value.MinContactAttempts;
        if (command.Outcome == FollowUpOutcome.Unreachable && minimum > 0)
        {
            var attempts = await db.ContactAttempts.CountAsync(a => a.FollowUpId == followUp.Id, cancellationToken);
            if (attempts < minimum)
            {
                throw new RuleViolationException("outcome",
                    $"Ej anträffbar kan registreras först efter minst {minimum} kontaktförsök. " +
                    $"{(attempts == 0 ? "Inga" : attempts.ToString(SwedishFormat.Culture))} är registrerade för uppföljningen: registrera försöken under Kontaktförsök först.");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (followUp.Result is { } previous)
        {
            // The history: what the correction replaces (a self-reported answer too) stays readable.
            db.FollowUpResultRevisions.Add(new FollowUpResultRevision
            {
                FollowUpId = followUp.Id,
                Source = previous.Source,
                Outcome = previous.Outcome,
                ContactedOn = previous.ContactedOn,
                Occupation = previous.Occupation,
                ExtentPercent = previous.ExtentPercent,
                IncomeSources = [.. previous.IncomeSources],
                RecordedAtUtc = previous.UpdatedAtUtc,
                ReplacedAtUtc = now,
                ReplacedBy = callers.Current.Name,
            });
        }

        var result = followUp.Result ?? new FollowUpResult { FollowUpId = followUp.Id, RecordedAtUtc = now };
        result.Source = FollowUpResultSource.Coach;
        result.Outcome = command.Outcome!.Value;
        result.ContactedOn = contactedOn;
        result.Occupation = command.Occupation;
        result.ExtentPercent = command.ExtentPercent;
        result.IncomeSources = [.. command.IncomeSources ?? []];
        result.UpdatedAtUtc = now;
        followUp.Result = result;
        followUp.Status = FollowUpStatus.Completed;
        followUp.UpdatedAtUtc = now;
        var owner = followUp.Participation!.Intervention!;
        audit.Add(command.IsCorrection ? AuditAction.Correct : AuditAction.FollowUpRecorded, AuditLog.FollowUp, followUp.Id,
            owner.AssociationId, owner.ProviderId, command.IsCorrection ? "Uppföljningens resultat rättat" : null);
        await db.SaveChangesUniqueAsync("Uppföljningen registrerades samtidigt av någon annan.", "outcome", cancellationToken);

        return (await db.TwelveMonthFollowUps.AsNoTracking().Where(f => f.Id == followUp.Id).Rows().SingleAsync(cancellationToken))
            .ToResponse(options.Value, protector);
    }
}

public static class RecordFollowUpResultEndpoint
{
    public static RouteGroupBuilder MapRecordFollowUpResult(this RouteGroupBuilder group)
    {
        group.MapPost("/follow-ups/{id:long}/result", async Task<Ok<FollowUpResponse>> (
                long id, RecordFollowUpResultCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { FollowUpId = id, IsCorrection = false }, ct)))
            .WithName("RecordFollowUpResult")
            .WithSummary("Record the result of a 12-month follow-up.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/follow-ups/{id:long}/result", async Task<Ok<FollowUpResponse>> (
                long id, RecordFollowUpResultCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { FollowUpId = id, IsCorrection = true }, ct)))
            .WithName("CorrectFollowUpResult")
            .WithSummary("Correct the recorded result of a 12-month follow-up.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
