using System.Globalization;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.Referrals;

/// <summary>How the referral pages write a referral: its reference, the person (masked or anonymous) and its state with the date.</summary>
public static class ReferralText
{
    public static string Reference(long referralId) => $"A-{referralId}";

    public static string Person(ReferralResponse referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var who = referral.PersonalIdentityNumber ?? (referral.IdentityErased ? "Raderat" : "Anonym");
        return referral.BirthYear is { } year && referral.PersonalIdentityNumber is null
            ? $"{who}, {SwedishFormat.Label(referral.Gender).ToLowerInvariant()} född {year.ToString(CultureInfo.InvariantCulture)}"
            : who;
    }

    public static string State(ReferralResponse referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var label = SwedishFormat.Label(referral.State);
        return referral.State switch
        {
            ReferralState.Accepted => $"{label}, planerad start {SwedishFormat.Date(referral.PlannedStartDate)}",
            ReferralState.Started => $"{label} {SwedishFormat.Date(referral.StartDate)}",
            ReferralState.Declined => $"{label} {SwedishFormat.Date(referral.DeclinedOn)}: {SwedishFormat.Label(referral.DeclineReason).ToLowerInvariant()}",
            ReferralState.Withdrawn => $"{label} {SwedishFormat.Date(referral.WithdrawnOn)}",
            _ => label,
        };
    }
}
