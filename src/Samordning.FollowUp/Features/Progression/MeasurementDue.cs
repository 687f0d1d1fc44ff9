using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Progression;

/// <param name="WindowCloses">The last day within the instrument's tolerance; after it the measurement is overdue.</param>
public sealed record DueMeasurementResponse(
    long ParticipationId,
    long InterventionId,
    string InterventionName,
    string InstrumentCode,
    string InstrumentName,
    ProgressionPoint Point,
    DateOnly DueOn,
    DateOnly WindowCloses,
    bool Overdue,
    string? PersonalIdentityNumber);

internal sealed record MeasurementTaken(long ParticipationId, string InstrumentCode, ProgressionPoint Point, DateOnly MeasuredOn);

/// <summary>
/// When an instrument's measurements fall due for one participation: at start, every N weeks
/// from the start while it runs, and at exit; a point is due from its date less the tolerance and
/// overdue after its date plus the tolerance, until a measurement within the window is recorded.
/// The step scale's start and exit are recorded with the intake and the exit, so they never fall due here.
/// </summary>
internal static class MeasurementDue
{
    public static IEnumerable<(ProgressionPoint Point, DateOnly DueOn, DateOnly WindowCloses, bool Overdue)> Points(
        ProgressionInstrument instrument, DateOnly start, DateOnly? end, IReadOnlyCollection<MeasurementTaken> taken, DateOnly today)
    {
        var tolerance = instrument.ToleranceDays;
        var mine = taken.Where(t => t.InstrumentCode == instrument.Code).ToList();
        var step = instrument.Code == Data.StepScaleSql.Code;
        if (instrument.AtStart && !step && !mine.Any(t => t.Point == ProgressionPoint.Start))
        {
            yield return (ProgressionPoint.Start, start, start.AddDays(tolerance), today > start.AddDays(tolerance));
        }

        if (instrument.EveryWeeks is { } weeks)
        {
            // The latest interval point whose window has opened, before the exit.
            var reached = (today.DayNumber + tolerance - start.DayNumber) / (weeks * 7);
            var dueOn = start.AddDays(reached * weeks * 7);
            if (reached >= 1 && (end is null || dueOn < end)
                && !mine.Any(t => t.Point == ProgressionPoint.Interim && t.MeasuredOn >= dueOn.AddDays(-tolerance)))
            {
                yield return (ProgressionPoint.Interim, dueOn, dueOn.AddDays(tolerance), today > dueOn.AddDays(tolerance));
            }
        }

        if (instrument.AtExit && !step && end is { } exit && !mine.Any(t => t.Point == ProgressionPoint.Exit))
        {
            yield return (ProgressionPoint.Exit, exit, exit.AddDays(tolerance), today > exit.AddDays(tolerance));
        }
    }
}
