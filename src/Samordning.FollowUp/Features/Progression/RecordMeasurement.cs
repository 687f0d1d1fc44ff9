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

public sealed record MeasurementScoreInput(string? FactorCode, int? Score);

public sealed record MeasurementScoreResponse(string FactorCode, int Score);

public sealed record MeasurementResponse(
    long Id,
    long ParticipationId,
    string InstrumentCode,
    int InstrumentVersion,
    ProgressionPoint Point,
    DateOnly MeasuredOn,
    string RecordedBy,
    DateTime RecordedAtUtc,
    long? CorrectsId,
    DateTime? CorrectedAtUtc,
    IReadOnlyList<MeasurementScoreResponse> Scores);

/// <summary>
/// Records (POST) a measurement of a participation, or corrects (PUT) one: the correction is a new
/// measurement and the old one stays as history, marked corrected. Taken with the instrument
/// version in force on the measurement's date, which it keeps.
/// </summary>
[Access(UserRole.Coach)]
public sealed record RecordMeasurementCommand(
    string? InstrumentCode,
    ProgressionPoint? Point,
    DateOnly? MeasuredOn,
    IReadOnlyList<MeasurementScoreInput>? Scores) : ICommand<MeasurementResponse>, IParticipationScoped
{
    [JsonIgnore]
    public long ParticipationId { get; init; }

    /// <summary>For PUT: the measurement corrected.</summary>
    [JsonIgnore]
    public long? CorrectsId { get; init; }
}

internal sealed class RecordMeasurementValidator : AbstractValidator<RecordMeasurementCommand>
{
    public RecordMeasurementValidator(TimeProvider clock)
    {
        RuleFor(x => x.InstrumentCode).NotEmpty().WithMessage("Instrument måste anges.");
        RuleFor(x => x.Point).NotNull().WithMessage("Mättidpunkt måste anges: vid start, under insatsen eller vid avslut.");
        RuleFor(x => x.MeasuredOn).NotNull().WithMessage("Datum för mätningen måste anges.")
            .NotInFuture(clock, "Datum för mätningen får inte vara i framtiden.");
        RuleFor(x => x.Scores).NotEmpty().WithMessage("Ange ett värde för varje faktor.");
    }
}

internal sealed class RecordMeasurementHandler(FollowUpDbContext db, TimeProvider clock, CallerContext callers)
    : ICommandHandler<RecordMeasurementCommand, MeasurementResponse>
{
    public async ValueTask<MeasurementResponse> Handle(RecordMeasurementCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.AsNoTracking().Where(p => p.Id == command.ParticipationId)
            .Select(p => new { p.Id, p.StartDate, p.EndDate, p.ExitReason, p.InterventionId, p.Intervention!.AssociationId, p.Intervention.Orientation })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        var code = command.InstrumentCode!.ToUpperInvariant();
        var measuredOn = command.MeasuredOn!.Value;
        var point = command.Point!.Value;
        var versions = await Instruments.Full(db).Where(i => i.AssociationId == participation.AssociationId && i.Code == code)
            .ToListAsync(cancellationToken);
        var instrument = Instruments.InForce(versions, code, measuredOn);
        if (instrument is null || !instrument.Uses(participation.InterventionId, participation.Orientation))
        {
            throw new RuleViolationException("instrumentCode", "Instrumentet används inte i insatsen.");
        }

        if (code == StepScaleSql.Code && point != ProgressionPoint.Interim)
        {
            throw new RuleViolationException("point", "Steget vid start och vid avslut registreras i inskrivningen och utskrivningen.");
        }

        if (participation.ExitReason == ExitReason.RegisteredInError)
        {
            throw new ConflictException("Deltagandet är felregistrerat; där mäts ingenting.", "participationId");
        }

        if (measuredOn < participation.StartDate || measuredOn > participation.EndDate)
        {
            throw new RuleViolationException("measuredOn", "Mätningen ska vara gjord under deltagandet, från start till avslut.");
        }

        var scores = Scores(command, instrument);
        var now = clock.GetUtcNow().UtcDateTime;
        ProgressionMeasurement? corrected = null;
        if (command.CorrectsId is { } correctsId)
        {
            corrected = await db.ProgressionMeasurements.SingleOrDefaultAsync(
                m => m.Id == correctsId && m.ParticipationId == participation.Id && m.RecordedBy != StepScaleSql.RecordedBy, cancellationToken)
                ?? throw new NotFoundException("Mätningen finns inte.");
            if (corrected.CorrectedAtUtc is not null)
            {
                throw new ConflictException("Mätningen är redan rättad. Rätta den senaste versionen.", "measurementId");
            }

            corrected.CorrectedAtUtc = now;
        }
        else
        {
            // A retried request finds what the first one recorded and returns it.
            var same = await Current(db).Include(m => m.Scores)
                .Where(m => m.ParticipationId == participation.Id && m.InstrumentId == instrument.Id && m.Point == point && m.MeasuredOn == measuredOn)
                .ToListAsync(cancellationToken);
            var retry = same.FirstOrDefault(m => m.Scores.Count == scores.Count
                && m.Scores.All(s => scores.Any(x => x.FactorCode == s.FactorCode && x.Score == s.Score)));
            if (retry is not null)
            {
                return retry.ToResponse(instrument);
            }
        }

        var measurement = new ProgressionMeasurement
        {
            ParticipationId = participation.Id,
            InstrumentId = instrument.Id,
            Point = point,
            MeasuredOn = measuredOn,
            RecordedBy = callers.Current.Name,
            RecordedAtUtc = now,
            CorrectsId = corrected?.Id,
            Scores = scores,
        };
        db.ProgressionMeasurements.Add(measurement);
        await db.SaveChangesUniqueAsync("Mätningen rättades samtidigt av någon annan. Läs in den igen.", "measurementId", cancellationToken);
        return measurement.ToResponse(instrument);
    }

    public static IQueryable<ProgressionMeasurement> Current(FollowUpDbContext db) =>
        db.ProgressionMeasurements.Where(m => m.CorrectedAtUtc == null);

    /// <summary>One score per factor of the version, each on its scale.</summary>
    private static List<ProgressionScore> Scores(RecordMeasurementCommand command, ProgressionInstrument instrument)
    {
        var given = command.Scores!.ToLookup(s => s.FactorCode?.ToUpperInvariant() ?? string.Empty);
        var errors = new List<string>();
        var scores = new List<ProgressionScore>();
        foreach (var factor in instrument.Factors.OrderBy(f => f.Position))
        {
            var values = given[factor.Code].ToList();
            if (values.Count != 1 || values[0].Score is not { } score)
            {
                errors.Add($"Ange ett värde för {factor.Label}.");
            }
            else if (score < instrument.ScaleMin || score > instrument.ScaleMax)
            {
                errors.Add($"Värdet för {factor.Label} ska vara mellan {instrument.ScaleMin} och {instrument.ScaleMax}.");
            }
            else
            {
                scores.Add(new ProgressionScore { FactorCode = factor.Code, Score = score });
            }
        }

        if (given.Any(g => instrument.Factors.All(f => f.Code != g.Key)))
        {
            errors.Add("En faktor finns inte i instrumentet.");
        }

        return errors.Count == 0 ? scores : throw new RuleViolationException(new Dictionary<string, string[]> { ["scores"] = [.. errors] });
    }
}

internal static class MeasurementMapping
{
    public static MeasurementResponse ToResponse(this ProgressionMeasurement m, ProgressionInstrument instrument) => new(
        m.Id, m.ParticipationId, instrument.Code, instrument.Version, m.Point, m.MeasuredOn, m.RecordedBy, m.RecordedAtUtc,
        m.CorrectsId, m.CorrectedAtUtc,
        [.. m.Scores.Select(s => new MeasurementScoreResponse(s.FactorCode, s.Score))
            .OrderBy(s => instrument.Factors.Find(f => f.Code == s.FactorCode)?.Position ?? int.MaxValue)]);
}

public static class RecordMeasurementEndpoint
{
    public static RouteGroupBuilder MapRecordMeasurement(this RouteGroupBuilder group)
    {
        group.MapPost("/participations/{id:long}/measurements", async Task<Ok<MeasurementResponse>> (
                long id, RecordMeasurementCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id, CorrectsId = null }, ct)))
            .WithName("RecordMeasurement")
            .WithSummary("Record a progression measurement: instrument, point, date and a score per factor. A retry returns the same measurement.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/participations/{id:long}/measurements/{measurementId:long}", async Task<Ok<MeasurementResponse>> (
                long id, long measurementId, RecordMeasurementCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id, CorrectsId = measurementId }, ct)))
            .WithName("CorrectMeasurement")
            .WithSummary("Correct a measurement: a new one replaces it, and the old one stays in the history.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
