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

namespace Samordning.FollowUp.Features.Reports;

/// <summary>The provider's self-assessment of an intervention for one tertial.</summary>
[Access(UserRole.AssociationAdmin, UserRole.Coach)]
public sealed record SetTertialNoteCommand(string? ReferralFlowAndQueue, string? WhatWorked, string? DeviationsAndRisks, string? SoftValues = null)
    : ICommand<TertialNoteResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

internal sealed class SetTertialNoteValidator : AbstractValidator<SetTertialNoteCommand>
{
    public SetTertialNoteValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
        RuleFor(x => x.ReferralFlowAndQueue).MaximumLength(4000).WithMessage("Texten får vara högst 4000 tecken.");
        RuleFor(x => x.WhatWorked).MaximumLength(4000).WithMessage("Texten får vara högst 4000 tecken.");
        RuleFor(x => x.DeviationsAndRisks).MaximumLength(4000).WithMessage("Texten får vara högst 4000 tecken.");
        RuleFor(x => x.SoftValues).MaximumLength(4000).WithMessage("Texten får vara högst 4000 tecken.");
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.ReferralFlowAndQueue) || !string.IsNullOrWhiteSpace(x.WhatWorked)
                || !string.IsNullOrWhiteSpace(x.DeviationsAndRisks) || !string.IsNullOrWhiteSpace(x.SoftValues))
            .WithName("referralFlowAndQueue").WithMessage("Skriv något i minst ett av fälten.");
    }
}

internal sealed class SetTertialNoteHandler(FollowUpDbContext db, TimeProvider clock, TertialCycleProviders cycle)
    : ICommandHandler<SetTertialNoteCommand, TertialNoteResponse>
{
    public async ValueTask<TertialNoteResponse> Handle(SetTertialNoteCommand command, CancellationToken cancellationToken)
    {
        var associationId = await db.Interventions.Where(i => i.Id == command.InterventionId).Select(i => (long?)i.AssociationId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(NotFoundMessages.Intervention);

        // The words are part of the adopted report: once the tertial is adopted they stay as adopted.
        if (await cycle.IsAdoptedAsync(associationId, command.Year, command.Tertial, cancellationToken))
        {
            throw new ConflictException(TertialCycleProviders.AdoptedMessage);
        }

        var note = await db.TertialNotes.SingleOrDefaultAsync(
            n => n.InterventionId == command.InterventionId && n.Year == command.Year && n.Tertial == command.Tertial, cancellationToken);
        if (note is null)
        {
            note = new TertialNote { InterventionId = command.InterventionId, Year = command.Year, Tertial = command.Tertial };
            db.TertialNotes.Add(note);
        }

        note.ReferralFlowAndQueue = command.ReferralFlowAndQueue?.Trim();
        note.WhatWorked = command.WhatWorked?.Trim();
        note.DeviationsAndRisks = command.DeviationsAndRisks?.Trim();
        note.SoftValues = command.SoftValues?.Trim();
        note.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesUniqueAsync("Texten sparades samtidigt av någon annan. Försök igen.", null, cancellationToken);
        return new TertialNoteResponse(note.InterventionId, note.Year, note.Tertial, note.ReferralFlowAndQueue, note.WhatWorked,
            note.DeviationsAndRisks, note.UpdatedAtUtc) { SoftValues = note.SoftValues };
    }
}

public static class SetTertialNoteEndpoint
{
    public static RouteGroupBuilder MapSetTertialNote(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}/tertial-notes/{year:int}/{tertial:int}", async Task<Ok<TertialNoteResponse>> (
                long id, int year, int tertial, SetTertialNoteCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id, Year = year, Tertial = tertial }, ct)))
            .WithName("SetTertialNote")
            .WithSummary("The provider's self-assessment for a tertial: referral flow and queue, what worked, deviations and risks. Refused (409) once the tertial is adopted.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
