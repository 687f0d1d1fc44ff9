using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

/// <summary>
/// The fixture most report tests share, built through the API. Who is who (2025 unless said):
///
/// Alfa (provider) runs X "Arbetsträning" — IndividualFocused / Preparatory, Identified,
/// 2024-09-01 – 2027-12-31, 26 weeks; plan 2025: 30 planned, budget 600 000, cost 210 000.
///   W1 woman 2024-11-04 → 2025-02-14 PlannedCompletion, Employed, step 2→4   (before T1, ends in T1)
///   W2 woman 2025-02-03 → 2025-06-16 Discontinued, JobSeeking, step 2→2       (starts T1, ends T2)
///   W3 woman 2025-02-10 → 2025-02-11 RegisteredInError                        (counts nowhere)
///   M1 man   2025-03-10 → open                                                (starts T1)
///   M2 man   2025-04-22 → 2025-04-30 Illness, SickLeave, no step at exit      (ends on T1's last day)
///   M3 man   2025-05-05 → open                                                (starts in T2, after T1)
///   M4 man   2024-10-01 → 2024-12-20 PlannedCompletion, Employed              (all before 2025)
///
/// Beta (provider) runs Y "Kartläggning anonym" — IndividualFocused / Preparatory, AnonymousIndividual,
/// 2025-01-01 – 2027-12-31, 26 weeks; plan 2025: 12 planned, budget 240 000, cost 90 000.
///   AW1 woman 2025-01-15 → 2025-03-31 PlannedCompletion, Studies, step 2→3
///   AM1 man   2025-04-01 → 2025-07-15 TransferredToParty, InterventionAtParty, step 2→3
///   AW2 woman 2025-06-02 → open
///
/// Beta also runs Z "Utbildning handläggare" — Structural / Training, CountOnly, 2025-01-01 – 2027-12-31;
/// counts 2025: 12 women, 8 men; plan 2025: 40 planned, budget 100 000, cost 50 000.
/// </summary>
public sealed record ReportFixture(
    AssociationDto Association, ProviderDto Alfa, ProviderDto Beta, InterventionDto X, InterventionDto Y, InterventionDto Z)
{
    public static async Task<ReportFixture> CreateAsync(TestUsers users, TestData data)
    {
        var association = await data.AssociationAsync("Samordningsförbundet Rapport");
        var api = users.OfficeOf(association.Id);
        var alfa = await data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await data.ProviderAsync(association.Id, "Beta utförare");

        var x = await api.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory",
            new DateOnly(2024, 9, 1));
        var y = await api.InterventionAsync(association.Id, beta.Id, "Kartläggning anonym", Mode.AnonymousIndividual, "Preparatory",
            new DateOnly(2025, 1, 1));
        var z = await api.InterventionAsync(association.Id, beta.Id, "Utbildning handläggare", Mode.CountOnly, "Training",
            new DateOnly(2025, 1, 1));

        await api.PlanAsync(x.Id, 2025, 30, 600_000, 210_000);
        await api.PlanAsync(y.Id, 2025, 12, 240_000, 90_000);
        await api.PlanAsync(z.Id, 2025, 40, 100_000, 50_000);
        await data.CountAsync(z.Id, 2025, 12, 8);

        // X, identified.
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Woman(0), D(2024, 11, 4), D(2025, 2, 14), "PlannedCompletion", "Employed", 4);
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Woman(1), D(2025, 2, 3), D(2025, 6, 16), "Discontinued", "JobSeeking", 2);
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Woman(2), D(2025, 2, 10), D(2025, 2, 11), "RegisteredInError", null, null);
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Man(0), D(2025, 3, 10));
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Man(1), D(2025, 4, 22), D(2025, 4, 30), "Illness", "SickLeave", null);
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Man(2), D(2025, 5, 5));
        await api.IdentifiedAsync(data, x.Id, TestPersonnummer.Man(3), D(2024, 10, 1), D(2024, 12, 20), "PlannedCompletion", "Employed", 4);

        // Y, anonymous.
        await api.AnonymousAsync(data, y.Id, "Woman", D(2025, 1, 15), D(2025, 3, 31), "PlannedCompletion", "Studies", 3);
        await api.AnonymousAsync(data, y.Id, "Man", D(2025, 4, 1), D(2025, 7, 15), "TransferredToParty", "InterventionAtParty", 3);
        await api.AnonymousAsync(data, y.Id, "Woman", D(2025, 6, 2));

        return new ReportFixture(association, alfa, beta, x, y, z);
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
