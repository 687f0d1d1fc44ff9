using FluentValidation;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>The exit (utskrivning), shared by recording it and correcting it.</summary>
public interface IParticipationExit
{
    DateOnly? EndDate { get; }
    ExitReason? ExitReason { get; }
    Occupation? Occupation { get; }
    int? ExtentPercent { get; }
    IReadOnlyList<IncomeSource>? IncomeSources { get; }
    int? StepAtExit { get; }
}

internal abstract class ParticipationExitValidator<T> : AbstractValidator<T> where T : IParticipationExit
{
    protected ParticipationExitValidator(TimeProvider clock)
    {
        RuleFor(x => x.EndDate).NotNull().WithMessage("Slutdatum måste anges.")
            .LessThanOrEqualTo(_ => clock.Today()).WithMessage("Slutdatum får inte vara i framtiden.");
        RuleFor(x => x.ExitReason).NotNull().WithMessage("Avslutsanledning måste anges.");
        RuleFor(x => x.Occupation).NotNull()
            .When(x => x.ExitReason is not (Domain.ExitReason.RegisteredInError or Domain.ExitReason.Deceased))
            .WithMessage("Sysselsättning direkt efter avslut måste anges (Unknown om den inte är känd).");
        RuleFor(x => x.ExtentPercent).InclusiveBetween(0, 100).WithMessage("Omfattningen ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.IncomeSources).Must(ParticipationStartValidator<IParticipationStart>.NoDuplicates)
            .WithMessage("Samma försörjningskälla får bara anges en gång.");
        RuleFor(x => x.StepAtExit).InclusiveBetween(1, 5).WithMessage("Steget ska vara mellan 1 och 5.");
    }
}

internal static class ParticipationExitRules
{
    public static void Check(IParticipationExit exit, Participation participation)
    {
        var end = exit.EndDate!.Value;
        if (end < participation.StartDate)
        {
            throw new RuleViolationException("endDate",
                $"Slutdatum får inte vara före startdatum ({participation.StartDate:yyyy-MM-dd}).");
        }

        if (participation.Intervention!.EndDate is { } interventionEnd && end > interventionEnd)
        {
            throw new RuleViolationException("endDate",
                $"Slutdatum får inte vara efter insatsens slut ({interventionEnd:yyyy-MM-dd}).");
        }
    }

    public static void Apply(IParticipationExit exit, Participation participation, DateTime nowUtc)
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
