using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

internal static class ParticipationExitRules
{
    public static void Check(RecordExitCommand exit, Participation participation)
    {
        var end = exit.EndDate!.Value;
        if (end < participation.StartDate)
        {
            throw new RuleViolationException("endDate",
                $"Slutdatum får inte vara före startdatum ({SwedishFormat.Date(participation.StartDate)}).");
        }

        if (participation.Intervention!.EndDate is { } interventionEnd && end > interventionEnd)
        {
            throw new RuleViolationException("endDate",
                $"Slutdatum får inte vara efter insatsens slut ({SwedishFormat.Date(interventionEnd)}).");
        }
    }

    public static void Apply(RecordExitCommand exit, Participation participation, DateTime nowUtc)
    {
        participation.EndDate = exit.EndDate;
        participation.ExitReason = exit.ExitReason;
        participation.OccupationAtExit = exit.Occupation;
        participation.ExtentPercentAtExit = exit.ExtentPercent;
        participation.IncomeSourcesAtExit = [.. exit.IncomeSources ?? []];
        participation.StepAtExit = exit.StepAtExit;
        participation.UpdatedAtUtc = nowUtc;
        participation.Version++;
    }
}
