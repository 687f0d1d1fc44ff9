using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Features.TertialCycle;

public sealed class TertialCycleOptions
{
    public const string Section = "TertialCycle";

    /// <summary>The providers are told that the tertial's reporting is open this many days after it ends (with the draft report: 5).</summary>
    [Range(0, 60)]
    public int OpenDaysAfterTertialEnd { get; set; } = 5;

    /// <summary>Providers that have not attested are reminded once this many days after the tertial ends.</summary>
    [Range(0, 120)]
    public int ReminderDaysAfterTertialEnd { get; set; } = 20;

    [Required]
    public string ReminderCron { get; set; } = "30 7 * * *";
}
