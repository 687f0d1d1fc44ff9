using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>I1, I2 and I3 as the förbund's plans define them (domain §6); every new association gets them.</summary>
internal static class IndicatorDefaults
{
    public static readonly DateOnly ValidFrom = new(2000, 1, 1);

    private static readonly List<Occupation> SelfSufficient =
        [Occupation.Employed, Occupation.SubsidisedEmployment, Occupation.Studies];

    public static IEnumerable<IndicatorDefinition> For(long associationId, DateTime nowUtc) =>
    [
        new()
        {
            AssociationId = associationId, Code = "I1", Version = 1, Name = "Egen försörjning vid avslut",
            MeasurementPoint = MeasurementPoint.AtExit, Orientation = Orientation.IndividualFocused,
            RegistrationModes = [RegistrationMode.Identified, RegistrationMode.AnonymousIndividual],
            ExcludedExitReasons = [.. ExitReasons.WithoutOutcome], SuccessRule = SuccessRule.OccupationIn, SuccessOccupations = [.. SelfSufficient],
            TargetPercent = 35, ValidFrom = ValidFrom, CreatedAtUtc = nowUtc,
        },
        new()
        {
            AssociationId = associationId, Code = "I2", Version = 1, Name = "Egen försörjning 12 månader efter avslut",
            MeasurementPoint = MeasurementPoint.TwelveMonthsAfterExit, Orientation = Orientation.IndividualFocused,
            RegistrationModes = [RegistrationMode.Identified],
            ExcludedExitReasons = [.. ExitReasons.WithoutOutcome], SuccessRule = SuccessRule.OccupationIn, SuccessOccupations = [.. SelfSufficient],
            TargetPercent = 50, ValidFrom = ValidFrom, CreatedAtUtc = nowUtc,
        },
        new()
        {
            AssociationId = associationId, Code = "I3", Version = 1, Name = "Stegförflyttning",
            MeasurementPoint = MeasurementPoint.AtExit, Orientation = Orientation.IndividualFocused,
            RegistrationModes = [RegistrationMode.Identified, RegistrationMode.AnonymousIndividual],
            ExcludedExitReasons = [.. ExitReasons.WithoutOutcome], SuccessRule = SuccessRule.StepProgression,
            TargetPercent = 60, ValidFrom = ValidFrom, CreatedAtUtc = nowUtc,
        },
    ];
}
