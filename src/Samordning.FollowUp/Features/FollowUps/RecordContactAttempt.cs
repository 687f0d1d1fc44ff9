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
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>
/// A try to reach the person for the 12-month follow-up: the day and how it went. The same day
/// and outcome twice is one try (a retried request adds nothing); the answer lists every try.
/// </summary>
[Access(UserRole.Coach)]
public sealed record RecordContactAttemptCommand(DateOnly? AttemptedOn, ContactAttemptOutcome? Outcome)
    : ICommand<ContactAttemptsResponse>, IFollowUpScoped
{
    [JsonIgnore]
    public long FollowUpId { get; init; }
}

public sealed record ContactAttemptResponse(long Id, DateOnly AttemptedOn, ContactAttemptOutcome Outcome, DateTime RecordedAtUtc);

/// <summary>Every try, oldest first, and how many "Ej anträffbar" needs (<c>FollowUps:MinContactAttempts</c>).</summary>
public sealed record ContactAttemptsResponse(long FollowUpId, IReadOnlyList<ContactAttemptResponse> Attempts, int MinimumBeforeUnreachable);

internal sealed class RecordContactAttemptValidator : AbstractValidator<RecordContactAttemptCommand>
{
    public RecordContactAttemptValidator(TimeProvider clock)
    {
        RuleFor(x => x.AttemptedOn).NotNull().WithMessage("Datum för kontaktförsöket måste anges.")
            .NotInFuture(clock, "Datum för kontaktförsöket får inte vara i framtiden.");
        RuleFor(x => x.Outcome).NotNull().WithMessage("Hur försöket gick måste anges.");
    }
}

internal sealed class RecordContactAttemptHandler(FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options)
    : ICommandHandler<RecordContactAttemptCommand, ContactAttemptsResponse>
{
    public async ValueTask<ContactAttemptsResponse> Handle(RecordContactAttemptCommand command, CancellationToken cancellationToken)
    {
        var followUp = await db.TwelveMonthFollowUps.AsNoTracking()
            .Where(f => f.Id == command.FollowUpId)
            .Select(f => new { f.Status, ExitDate = f.Participation!.EndDate!.Value })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.FollowUp);
        if (followUp.Status == FollowUpStatus.Cancelled)
        {
            throw new ConflictException("Uppföljningen är avbruten eftersom avslutet inte längre ska följas upp.");
        }

        var day = command.AttemptedOn!.Value;
        if (day < followUp.ExitDate)
        {
            throw new RuleViolationException("attemptedOn",
                $"Kontaktförsöket kan inte vara före avslutet {SwedishFormat.Date(followUp.ExitDate)}.");
        }

        var outcome = command.Outcome!.Value;
        var exists = await db.ContactAttempts.AnyAsync(
            a => a.FollowUpId == command.FollowUpId && a.AttemptedOn == day && a.Outcome == outcome, cancellationToken);
        if (!exists)
        {
            db.ContactAttempts.Add(new ContactAttempt
            {
                FollowUpId = command.FollowUpId,
                AttemptedOn = day,
                Outcome = outcome,
                RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same try saved at the same moment by a retried request: it is there once, as asked.
                db.ChangeTracker.Clear();
            }
        }

        return await ContactAttempts.ListAsync(db, command.FollowUpId, options.Value, cancellationToken);
    }
}

/// <summary>A follow-up's tries, oldest first (the follow-up page and both endpoints).</summary>
[Access(UserRole.Coach)]
public sealed record ListContactAttemptsQuery(long FollowUpId) : IQuery<ContactAttemptsResponse>, IFollowUpScoped;

internal sealed class ListContactAttemptsHandler(FollowUpDbContext db, IOptions<FollowUpOptions> options)
    : IQueryHandler<ListContactAttemptsQuery, ContactAttemptsResponse>
{
    public async ValueTask<ContactAttemptsResponse> Handle(ListContactAttemptsQuery query, CancellationToken cancellationToken)
    {
        // The scope check (IFollowUpScoped) has already answered 404 for an unknown or foreign id.
        return await ContactAttempts.ListAsync(db, query.FollowUpId, options.Value, cancellationToken);
    }
}

internal static class ContactAttempts
{
    public static async Task<ContactAttemptsResponse> ListAsync(
        FollowUpDbContext db, long followUpId, FollowUpOptions options, CancellationToken cancellationToken)
    {
        var attempts = await db.ContactAttempts.AsNoTracking()
            .Where(a => a.FollowUpId == followUpId)
            .OrderBy(a => a.AttemptedOn).ThenBy(a => a.Id)
            .Select(a => new ContactAttemptResponse(a.Id, a.AttemptedOn, a.Outcome, a.RecordedAtUtc))
            .ToListAsync(cancellationToken);
        return new ContactAttemptsResponse(followUpId, attempts, options.MinContactAttempts);
    }
}

public static class RecordContactAttemptEndpoint
{
    public static RouteGroupBuilder MapContactAttempts(this RouteGroupBuilder group)
    {
        group.MapPost("/follow-ups/{id:long}/contact-attempts", async Task<Ok<ContactAttemptsResponse>> (
                long id, RecordContactAttemptCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { FollowUpId = id }, ct)))
            .WithName("RecordContactAttempt")
            .WithSummary("Record a try to reach the person for the follow-up (day and outcome); the same day and outcome again adds nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/follow-ups/{id:long}/contact-attempts", async Task<Ok<ContactAttemptsResponse>> (
                long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListContactAttemptsQuery(id), ct)))
            .WithName("ListContactAttempts")
            .WithSummary("A follow-up's contact attempts, oldest first, and the minimum before Unreachable.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
