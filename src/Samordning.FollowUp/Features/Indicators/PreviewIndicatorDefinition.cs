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

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>What a draft definition would give for the past eight tertials, for the whole association. Nothing is saved.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record PreviewIndicatorDefinitionCommand : IndicatorDraft, ICommand<IndicatorPreviewResponse>, IAssociationScoped
{
    public PreviewIndicatorDefinitionCommand()
    {
    }

    public PreviewIndicatorDefinitionCommand(IndicatorDraft draft)
        : base(draft)
    {
    }

    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public string Code { get; init; } = string.Empty;
}

public sealed record IndicatorPreviewResponse(string Code, string Name, IReadOnlyList<IndicatorPreviewPeriod> Tertials);

public sealed record IndicatorPreviewPeriod(
    int Year, int Tertial, DateOnly ExitsFrom, DateOnly ExitsTo, IndicatorFigure Woman, IndicatorFigure Man, IndicatorFigure Total);

internal sealed class PreviewIndicatorDefinitionValidator : AbstractValidator<PreviewIndicatorDefinitionCommand>
{
    public PreviewIndicatorDefinitionValidator() => Include(new IndicatorDraftValidator());
}

internal sealed class PreviewIndicatorDefinitionHandler(FollowUpDbContext db, TimeProvider clock, IndicatorCalculator calculator)
    : ICommandHandler<PreviewIndicatorDefinitionCommand, IndicatorPreviewResponse>
{
    public const int TertialCount = 8;

    public async ValueTask<IndicatorPreviewResponse> Handle(PreviewIndicatorDefinitionCommand command, CancellationToken cancellationToken)
    {
        var threshold = await db.Associations.Where(a => a.Id == command.AssociationId)
            .Select(a => (int?)a.SmallNumberThreshold).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);
        var draft = command.ToDefinition(command.AssociationId, command.Code.ToUpperInvariant(), 0, clock.GetUtcNow().UtcDateTime);

        // The eight tertials that have ended, oldest first.
        var today = clock.Today();
        var periods = PreviewPeriods.EndedTertials(today, TertialCount);

        var first = IndicatorMath.ExitRange(draft.MeasurementPoint, Tertials.Start(periods[0].Year, periods[0].Tertial), today).From;
        var buckets = await calculator.BucketsAsync(draft, command.AssociationId, first, today, cancellationToken);
        var result = periods.Select(p =>
        {
            var (from, to) = IndicatorMath.ExitRange(draft.MeasurementPoint, Tertials.Start(p.Year, p.Tertial), Tertials.End(p.Year, p.Tertial));
            var inPeriod = buckets.Where(b => IndicatorMath.InRange(b, from, to)).ToList();
            IndicatorFigure Figure(Gender? gender) => IndicatorMath.Figure(
                inPeriod.Where(b => gender == null || b.Gender == gender), draft.MeasurementPoint, draft.TargetPercent, threshold);
            return new IndicatorPreviewPeriod(p.Year, p.Tertial, from, to, Figure(Gender.Woman), Figure(Gender.Man), Figure(null));
        }).ToList();
        return new IndicatorPreviewResponse(draft.Code, draft.Name, result);
    }
}

public static class PreviewIndicatorDefinitionEndpoint
{
    public static RouteGroupBuilder MapPreviewIndicatorDefinition(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/indicator-definitions/{code}/preview", async Task<Ok<IndicatorPreviewResponse>> (
                long associationId, string code, PreviewIndicatorDefinitionCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Code = code }, ct)))
            .WithName("PreviewIndicatorDefinition")
            .WithSummary("What a draft definition would give for the past eight tertials; nothing is saved.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
