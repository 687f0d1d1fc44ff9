namespace Samordning.FollowUp.Domain;

/// <summary>Rules about exit reasons that several features share.</summary>
public static class ExitReasons
{
    /// <summary>
    /// Exits without an outcome: a registration in error (no real exit) and a death. They need no
    /// occupation at exit, get no 12-month follow-up, and the default indicators leave them out.
    /// </summary>
    public static readonly IReadOnlyList<ExitReason> WithoutOutcome = [ExitReason.RegisteredInError, ExitReason.Deceased];

    public static bool IsWithoutOutcome(ExitReason? reason) => reason is { } r && WithoutOutcome.Contains(r);
}
