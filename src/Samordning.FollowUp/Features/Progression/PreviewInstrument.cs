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
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>
/// What a draft instrument version would give for the past eight tertials over the measurements
/// already taken with the instrument's code, for the whole association (like the indicator preview). Nothing is saved.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record PreviewInstrumentCommand : InstrumentDraft, ICommand<IndicatorPreviewResponse>, IAssociationScoped
{
    public PreviewInstrumentCommand()
    {
    }

    public PreviewInstrumentCommand(InstrumentDraft draft)
        : base(draft)
    {
    }

    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public string Code { get; init; } = string.Empty;
}

internal sealed class PreviewInstrumentValidator : AbstractValidator<PreviewInstrumentCommand>
{
    public PreviewInstrumentValidator() => Include(new InstrumentDraftValidator());
}

internal sealed class PreviewInstrumentHandler(FollowUpDbContext db, TimeProvider clock, ProgressionCalculator calculator)
    : ICommandHandler<PreviewInstrumentCommand, IndicatorPreviewResponse>
{
    public async ValueTask<IndicatorPreviewResponse> Handle(PreviewInstrumentCommand command, CancellationToken cancellationToken)
    {
        var threshold = await db.Associations.Where(a => a.Id == command.AssociationId)
            .Select(a => (int?)a.SmallNumberThreshold).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);
        await Instruments.CheckInterventionsAsync(db, command.AssociationId, command.InterventionIds, cancellationToken);
        var draft = command.ToInstrument(command.AssociationId, command.Code.ToUpperInvariant(), 0, clock.GetUtcNow().UtcDateTime);

        var today = clock.Today();
        var periods = PreviewPeriods.EndedTertials(today, PreviewIndicatorDefinitionHandler.TertialCount);
        var buckets = await calculator.BucketsAsync(draft, command.AssociationId, Tertials.Start(periods[0].Year, periods[0].Tertial), today, cancellationToken);
        var result = periods.Select(p =>
        {
            var (from, to) = (Tertials.Start(p.Year, p.Tertial), Tertials.End(p.Year, p.Tertial));
            var inPeriod = buckets.Outcome.Where(b => IndicatorMath.InRange(b, from, to)).ToList();
            IndicatorFigure Figure(Gender? gender) => IndicatorMath.Figure(
                inPeriod.Where(b => gender == null || b.Gender == gender), MeasurementPoint.AtExit, draft.TargetPercent, threshold);
            return new IndicatorPreviewPeriod(p.Year, p.Tertial, from, to, Figure(Gender.Woman), Figure(Gender.Man), Figure(null));
        }).ToList();
        return new IndicatorPreviewResponse(draft.Code, draft.Name, result);
    }
}

public static class PreviewInstrumentEndpoint
{
    public static RouteGroupBuilder MapPreviewInstrument(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/progression-instruments/{code}/preview", async Task<Ok<IndicatorPreviewResponse>> (
                long associationId, string code, PreviewInstrumentCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Code = code }, ct)))
            .WithName("PreviewProgressionInstrument")
            .WithSummary("What a draft instrument version would give for the past eight tertials over the measurements taken; nothing is saved.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
