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

namespace Samordning.FollowUp.Features.Progression;

[Access(UserRole.AssociationAdmin)]
public sealed record CreateInstrumentCommand : InstrumentDraft, ICommand<InstrumentResponse>, IAssociationScoped
{
    public CreateInstrumentCommand()
    {
    }

    public CreateInstrumentCommand(InstrumentDraft draft)
        : base(draft)
    {
    }

    /// <summary>The new instrument's code: letters, digits, - and _.</summary>
    public string? Code { get; init; }

    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class CreateInstrumentValidator : AbstractValidator<CreateInstrumentCommand>
{
    public CreateInstrumentValidator()
    {
        Include(new InstrumentDraftValidator());
        RuleFor(x => x.Code).NotEmpty().WithMessage("Kod måste anges.")
            .Matches("^[A-Za-z0-9_-]{1,16}$").WithMessage("Koden får bestå av högst 16 bokstäver (a–z), siffror, - och _.");
    }
}

internal sealed class CreateInstrumentHandler(FollowUpDbContext db, TimeProvider clock) : ICommandHandler<CreateInstrumentCommand, InstrumentResponse>
{
    public async ValueTask<InstrumentResponse> Handle(CreateInstrumentCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var code = command.Code!.ToUpperInvariant();
        const string exists = "Det finns redan ett instrument med den koden. Skapa en ny version med PUT i stället.";
        if (await db.ProgressionInstruments.AnyAsync(i => i.AssociationId == command.AssociationId && i.Code == code, cancellationToken))
        {
            throw new ConflictException(exists, "code");
        }

        await Instruments.CheckInterventionsAsync(db, command.AssociationId, command.InterventionIds, cancellationToken);
        var instrument = command.ToInstrument(command.AssociationId, code, 1, clock.GetUtcNow().UtcDateTime);
        db.ProgressionInstruments.Add(instrument);
        await db.SaveChangesUniqueAsync(exists, "code", cancellationToken);
        return instrument.ToResponse();
    }
}

public static class CreateInstrumentEndpoint
{
    public static RouteGroupBuilder MapCreateInstrument(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/progression-instruments", async Task<Created<InstrumentResponse>> (
                long associationId, CreateInstrumentCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command with { AssociationId = associationId }, ct);
                return TypedResults.Created($"/api/v1/associations/{associationId}/progression-instruments/{created.Code}", created);
            })
            .WithName("CreateProgressionInstrument")
            .WithSummary("Add a progression instrument (version 1): factors, scale, measurement points and its positive-development rule.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
