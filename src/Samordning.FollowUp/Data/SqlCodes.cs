using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data;

/// <summary>
/// Codes as the hand-written SQL spells them. The model stores every code by its name
/// (<see cref="FollowUpDbContext"/>'s conventions), so each literal here is made from the member
/// itself: renaming a member renames it in the SQL, removing one fails the build, where a
/// literal typed into the statement would silently match nothing. They are SQL literals, not
/// parameters, because the statements are fixed text of ours; never put user input here.
/// </summary>
internal static class SqlCodes
{
    public const string Upcoming = $"'{nameof(FollowUpStatus.Upcoming)}'";
    public const string Due = $"'{nameof(FollowUpStatus.Due)}'";
    public const string Overdue = $"'{nameof(FollowUpStatus.Overdue)}'";
    public const string Expired = $"'{nameof(FollowUpStatus.Expired)}'";
    public const string Completed = $"'{nameof(FollowUpStatus.Completed)}'";
    public const string Cancelled = $"'{nameof(FollowUpStatus.Cancelled)}'";

    public const string Identified = $"'{nameof(RegistrationMode.Identified)}'";

    public const string ReferralReceived = $"'{nameof(ReferralState.Received)}'";
    public const string ReferralAccepted = $"'{nameof(ReferralState.Accepted)}'";

    public const string FactorImproved = $"'{nameof(ProgressionRule.FactorImproved)}'";
    public const string HigherIsBetter = $"'{nameof(FactorDirection.HigherIsBetter)}'";

    public const string Erased = $"'{nameof(AuditAction.Erased)}'";
    public const string ErasedByRetention = $"'{nameof(IdentityErasure.Retention)}'";

    /// <summary><see cref="ExitReasons.WithoutOutcome"/> for <c>IN (…)</c>: one set for the C# rules and the SQL.</summary>
    public static readonly string ExitsWithoutOutcome = string.Join(", ", ExitReasons.WithoutOutcome.Select(r => Text(r.ToString())));

    /// <summary>A text of ours (a label, a name) as an SQL string literal.</summary>
    public static string Text(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
