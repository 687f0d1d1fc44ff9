using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

/// <summary>
/// One hand-built association for the indicator tests, arranged through the API only. Every
/// person is listed here with what makes them count (or not); the expected figures are worked out
/// by hand from this table in <see cref="Indicators.IndicatorFixtureTests"/>. Steps are "start→exit".
/// Small-number threshold 2: a figure with a denominator below 2 is tooFew and not judged.
///
/// Provider P1
///   A  IndividualFocused, Identified
///     a1 W  exit 2024-02-15 PlannedCompletion   Employed         2→4   follow-up Reached, Employed
///     a2 W  exit 2024-03-10 Discontinued        JobSeeking       2→4   follow-up Unreachable
///     a3 M  exit 2024-04-30 PlannedCompletion   Employed         2→4   follow-up Reached, SickLeave   (last day of T1)
///     a4 M  exit 2024-01-20 PlannedCompletion   Employed         2→4   no follow-up result
///     a5 W  exit 2024-05-01 PlannedCompletion   Studies          2→4   follow-up Reached, Studies     (first day of T2)
///     a6 M  exit 2024-10-05 Other               JobSeeking       2→4   follow-up Declined
///     a7 M  exit 2024-03-01 Deceased            Employed         2→4   (no follow-up: excluded)
///     a8 W  exit 2024-02-01 RegisteredInError   Employed         2→4   (no follow-up: excluded)
///     a9 W  exit 2024-12-20 PlannedCompletion   SubsidisedEmpl.  2→4   follow-up Reached, SubsidisedEmployment
///     b1 W  exit 2025-01-15 PlannedCompletion   Employed         2→4   follow-up Reached, Employed (I2 of T1 2026 only)
///     b2 W  exit 2025-03-31 Discontinued        Unknown          2→2
///     b3 M  exit 2025-04-30 PlannedCompletion   SubsidisedEmpl.  2→–   (no step at exit)
///     b4 M  exit 2025-02-10 Deceased            Employed         2→4
///     b5 W  exit 2025-04-01 RegisteredInError   Employed         2→5
///     b6 M  exit 2025-06-15 PlannedCompletion   Studies          3→3
///     b7 W  exit 2025-08-31 MovedAway           SickLeave        2→1   (last day of T2)
///     b8 M  exit 2025-10-10 PlannedCompletion   Employed         1→3
///     b9 W  exit 2025-05-01 PlannedCompletion   Employed         –→4   (no step at start)
///   C  Structural, CountOnly: 2024 10 women 12 men, 2025 9 women 11 men
///   E  Structural (DialogueAndCommunication), Identified — outside every indicator's population
///     e1 W  exit 2025-02-01 PlannedCompletion   Employed         2→4
///     e2 M  exit 2024-02-01 PlannedCompletion   Employed         2→4   follow-up Reached, Employed
/// Provider P2
///   B  IndividualFocused, AnonymousIndividual
///     n1 W  exit 2025-02-20 PlannedCompletion   Employed         2→3
///     n2 M  exit 2024-03-15 PlannedCompletion   Employed         2→4   (anonymous: never in I2)
///     n3 M  exit 2025-07-01 Discontinued        JobSeeking       2→2
///   D  IndividualFocused, CountOnly: 2025 7 women 8 men
/// </summary>
public sealed record IndicatorFixture(
    long AssociationId,
    long ProviderP1,
    long ProviderP2,
    long InterventionA,
    long InterventionB,
    long InterventionC,
    long InterventionD,
    long InterventionE,
    IReadOnlyDictionary<string, long> Participations)
{
    public const int SmallNumberThreshold = 2;

    private static readonly DateOnly InterventionsStart = new(2023, 1, 1);
    private static readonly DateOnly InterventionsEnd = new(2027, 12, 31);
    private static readonly DateOnly Start2023 = new(2023, 9, 1);
    private static readonly DateOnly Start2024 = new(2024, 9, 1);

    public static async Task<IndicatorFixture> BuildAsync(TestData data)
    {
        var association = await data.AssociationAsync(SmallNumberThreshold);
        var p1 = await data.ProviderAsync(association.Id, "Utförare Ett", null);
        var p2 = await data.ProviderAsync(association.Id, "Utförare Två", null);
        var a = await data.InterventionAsync(association.Id, p1.Id, "IndividualFocused", "Preparatory", Mode.Identified,
            InterventionsStart, InterventionsEnd, "A Steg till arbete");
        var b = await data.InterventionAsync(association.Id, p2.Id, "IndividualFocused", "Preparatory", Mode.AnonymousIndividual,
            InterventionsStart, InterventionsEnd, "B Öppen verksamhet");
        var c = await data.InterventionAsync(association.Id, p1.Id, "Structural", "Training", Mode.CountOnly,
            InterventionsStart, InterventionsEnd, "C Utbildning för handläggare");
        var d = await data.InterventionAsync(association.Id, p2.Id, "IndividualFocused", "Preventive", Mode.CountOnly,
            InterventionsStart, InterventionsEnd, "D Informationsträffar");
        var e = await data.InterventionAsync(association.Id, p1.Id, "Structural", "DialogueAndCommunication", Mode.Identified,
            InterventionsStart, InterventionsEnd, "E Samverkansforum");

        await data.CountAsync(c.Id, 2024, women: 10, men: 12);
        await data.CountAsync(c.Id, 2025, women: 9, men: 11);
        await data.CountAsync(d.Id, 2025, women: 7, men: 8);

        var ids = new Dictionary<string, long>();
        async Task Identified(string key, long intervention, string pnr, DateOnly start, DateOnly end, string reason, string? occupation,
            int? stepAtStart = 2, int? stepAtExit = 4) =>
            ids[key] = (await data.IdentifiedExitAsync(intervention, pnr, start, end, reason, occupation, stepAtStart, stepAtExit)).Id;
        async Task Anonymous(string key, long intervention, string gender, DateOnly start, DateOnly end, string reason, string? occupation,
            int? stepAtStart = 2, int? stepAtExit = 4) =>
            ids[key] = (await data.AnonymousExitAsync(intervention, gender, start, end, reason, occupation, stepAtStart, stepAtExit)).Id;

        var w = TestPersonnummer.Woman;
        var m = TestPersonnummer.Man;
        await Identified("a1", a.Id, w(0), Start2023, new(2024, 2, 15), "PlannedCompletion", "Employed");
        await Identified("a2", a.Id, w(1), Start2023, new(2024, 3, 10), "Discontinued", "JobSeeking");
        await Identified("a3", a.Id, m(0), Start2023, new(2024, 4, 30), "PlannedCompletion", "Employed");
        await Identified("a4", a.Id, m(1), Start2023, new(2024, 1, 20), "PlannedCompletion", "Employed");
        await Identified("a5", a.Id, w(2), Start2023, new(2024, 5, 1), "PlannedCompletion", "Studies");
        await Identified("a6", a.Id, m(2), Start2023, new(2024, 10, 5), "Other", "JobSeeking");
        await Identified("a7", a.Id, m(3), Start2023, new(2024, 3, 1), "Deceased", "Employed");
        await Identified("a8", a.Id, w(3), Start2023, new(2024, 2, 1), "RegisteredInError", "Employed");
        await Identified("a9", a.Id, w(4), Start2023, new(2024, 12, 20), "PlannedCompletion", "SubsidisedEmployment");
        await Identified("b1", a.Id, w(5), Start2024, new(2025, 1, 15), "PlannedCompletion", "Employed");
        await Identified("b2", a.Id, w(6), Start2024, new(2025, 3, 31), "Discontinued", "Unknown", stepAtExit: 2);
        await Identified("b3", a.Id, m(4), Start2024, new(2025, 4, 30), "PlannedCompletion", "SubsidisedEmployment", stepAtExit: null);
        await Identified("b4", a.Id, m(5), Start2024, new(2025, 2, 10), "Deceased", "Employed");
        await Identified("b5", a.Id, w(7), Start2024, new(2025, 4, 1), "RegisteredInError", "Employed", stepAtExit: 5);
        await Identified("b6", a.Id, m(6), Start2024, new(2025, 6, 15), "PlannedCompletion", "Studies", stepAtStart: 3, stepAtExit: 3);
        await Identified("b7", a.Id, w(8), Start2024, new(2025, 8, 31), "MovedAway", "SickLeave", stepAtExit: 1);
        await Identified("b8", a.Id, m(7), Start2024, new(2025, 10, 10), "PlannedCompletion", "Employed", stepAtStart: 1, stepAtExit: 3);
        await Identified("b9", a.Id, w(9), Start2024, new(2025, 5, 1), "PlannedCompletion", "Employed", stepAtStart: null);
        await Identified("e1", e.Id, w(10), Start2024, new(2025, 2, 1), "PlannedCompletion", "Employed");
        await Identified("e2", e.Id, m(8), Start2023, new(2024, 2, 1), "PlannedCompletion", "Employed");
        await Anonymous("n1", b.Id, "Woman", Start2024, new(2025, 2, 20), "PlannedCompletion", "Employed", stepAtExit: 3);
        await Anonymous("n2", b.Id, "Man", Start2023, new(2024, 3, 15), "PlannedCompletion", "Employed");
        await Anonymous("n3", b.Id, "Man", Start2024, new(2025, 7, 1), "Discontinued", "JobSeeking", stepAtExit: 2);

        // The 12-month follow-ups, each contacted inside its window (due date = exit + 12 months).
        var followUps = (await data.FollowUpsAsync("?pageSize=200")).Items.ToDictionary(f => f.ParticipationId);
        async Task Result(string key, string outcome, DateOnly contactedOn, string? occupation = null) =>
            await data.RecordFollowUpAsync(followUps[ids[key]].Id, TestData.FollowUpResult(outcome, contactedOn, occupation));
        await Result("a1", "Reached", new(2025, 2, 20), "Employed");
        await Result("a2", "Unreachable", new(2025, 3, 15));
        await Result("a3", "Reached", new(2025, 5, 5), "SickLeave");
        await Result("a5", "Reached", new(2025, 5, 10), "Studies");
        await Result("a6", "Declined", new(2025, 10, 1));
        await Result("a9", "Reached", new(2025, 12, 22), "SubsidisedEmployment");
        await Result("b1", "Reached", new(2026, 1, 20), "Employed");
        await Result("e2", "Reached", new(2025, 2, 5), "Employed");

        return new IndicatorFixture(association.Id, p1.Id, p2.Id, a.Id, b.Id, c.Id, d.Id, e.Id, ids);
    }
}

/// <summary>A figure as the test expects it, written out by hand.</summary>
public sealed record Fig(
    int Numerator,
    int Denominator,
    int MissingData,
    double? Rate,
    bool? Met,
    bool TooFew = false,
    int? Reached = null,
    double? RateOfReached = null,
    double? ResponseRate = null)
{
    public static Fig Of(FigureDto f) =>
        new(f.Numerator, f.Denominator, f.MissingData, f.Rate, f.Met, f.TooFew, f.Reached, f.RateOfReached, f.ResponseRate);
}

internal static class IndicatorResultQueries
{
    /// <summary>The intervention scopes that have stored figures (null, the association, left out).</summary>
    public static async Task<List<long>> InterventionScopesAsync(this FollowUpDbContext db, long associationId, CancellationToken ct) =>
        await db.IndicatorResults.Where(r => r.AssociationId == associationId && r.InterventionId != null)
            .Select(r => r.InterventionId!.Value).Distinct().OrderBy(i => i).ToListAsync(ct);
}
