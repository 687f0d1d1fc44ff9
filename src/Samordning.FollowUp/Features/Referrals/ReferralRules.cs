using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>
/// The referral's state machine: Received → Accepted → Started, or Declined / Withdrawn while waiting
/// (the check every transition makes is <see cref="ReferralTransitions"/>, beside the intake).
/// </summary>
internal static class ReferralRules
{
    /// <summary>Days from receipt to start (started) or to today (waiting); none for a closed referral.</summary>
    public static int? DaysWaiting(ReferralState state, DateOnly receivedOn, DateOnly? startDate, DateOnly today) => state switch
    {
        ReferralState.Received or ReferralState.Accepted => today.DayNumber - receivedOn.DayNumber,
        ReferralState.Started when startDate is { } start => start.DayNumber - receivedOn.DayNumber,
        _ => null,
    };

    /// <summary>A decision's date: not before the referral was received, not in the future.</summary>
    public static void EnsureDate(Referral referral, DateOnly date, string field)
    {
        if (date < referral.ReceivedOn)
        {
            throw new RuleViolationException(field,
                $"Datumet får inte vara före den dag anvisningen togs emot ({SwedishFormat.Date(referral.ReceivedOn)}).");
        }
    }

    public const string AlreadyWaiting =
        "Personen har redan en anvisning till insatsen som väntar. Besluta om den innan en ny registreras.";
}
