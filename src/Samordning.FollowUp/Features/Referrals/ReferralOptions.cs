using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>How long a referral may wait before someone is told.</summary>
public sealed class ReferralOptions
{
    public const string Section = "Referrals";

    /// <summary>The coach's start page ("Att göra") lists referrals waiting longer than this many days.</summary>
    [Range(1, 365)]
    public int LongWaitDays { get; set; } = 14;

}
