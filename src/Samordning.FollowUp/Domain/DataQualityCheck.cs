using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// The data-quality checks of a tertial: each an open item of the provider's checklist, counted
/// in the report's data quality and listed for the provider's coaches. Contact attempts are shown
/// beside them but are not a check (nothing to complete).
/// </summary>
public enum DataQualityCheck
{
    [Display(Name = "Pågående längre än förväntat utan avslut")] PastExpectedLengthWithoutExit,
    [Display(Name = "Avslut utan sysselsättning vid avslut")] ExitsWithoutOutcome,
    [Display(Name = "Avslut utan steg")] ExitsWithoutStep,
    [Display(Name = "Försenade uppföljningar")] OverdueFollowUps,
    [Display(Name = "Antalsinsatser utan registrerade antal")] CountOnlyWithoutFigures,
    [Display(Name = "Ej anträffbar med för få kontaktförsök")] UnreachableWithTooFewAttempts,
    [Display(Name = "Anvisningar utan beslut")] UndecidedReferrals,

    /// <summary>Exits from an intervention whose progression instrument is measured at exit, without that measurement (issue 21).</summary>
    [Display(Name = "Avslut utan progressionsmätning")] ExitsWithoutMeasurement,
}
