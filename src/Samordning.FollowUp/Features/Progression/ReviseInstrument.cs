using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>Editing an instrument creates its next version; measurements already taken keep the version they were taken with.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ReviseInstrumentCommand : InstrumentDraft, ICommand<InstrumentResponse>, IAssociationScoped
{
    public ReviseInstrumentCommand()
    {
    }

    public ReviseInstrumentCommand(InstrumentDraft draft)
        : base(draft)
    {
    }

    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public string Code { get; init; } = string.Empty;
}

internal sealed class ReviseInstrumentValidator : AbstractValidator<ReviseInstrumentCommand>
{
    public ReviseInstrumentValidator() => Include(new InstrumentDraftValidator());
}

internal sealed class ReviseInstrumentHandler(FollowUpDbContext db, TimeProvider clock) : ICommandHandler<ReviseInstrumentCommand, InstrumentResponse>
{
    public async ValueTask<InstrumentResponse> Handle(ReviseInstrumentCommand command, CancellationToken cancellationToken)
    {
        var code = command.Code.ToUpperInvariant();
        var latest = await Instruments.LatestAsync(db, command.AssociationId, code, cancellationToken)
            ?? throw new NotFoundException("Instrumentet finns inte i förbundet.");
        if (command.ValidFrom < latest.ValidFrom)
        {
            throw new RuleViolationException("validFrom",
                $"En ny version kan inte gälla från före den nuvarande versionen ({SwedishFormat.Date(latest.ValidFrom)}).");
        }

        await Instruments.CheckInterventionsAsync(db, command.AssociationId, command.InterventionIds, cancellationToken);
        var instrument = command.ToInstrument(command.AssociationId, code, latest.Version + 1, clock.GetUtcNow().UtcDateTime);
        db.ProgressionInstruments.Add(instrument);
        await db.SaveChangesUniqueAsync("Instrumentet ändrades samtidigt av någon annan. Läs in det igen.", "code", cancellationToken);
        return instrument.ToResponse();
    }
}

public static class ReviseInstrumentEndpoint
{
    public static RouteGroupBuilder MapReviseInstrument(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/progression-instruments/{code}", async Task<Ok<InstrumentResponse>> (
                long associationId, string code, ReviseInstrumentCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Code = code }, ct)))
            .WithName("ReviseProgressionInstrument")
            .WithSummary("Create the next version of a progression instrument, valid from a date.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
