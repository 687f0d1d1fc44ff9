using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Reports.Trends;

/// <summary>
/// An association whose data runs over T1 2025 – T2 2026, for the trends of the T2 2026 report
/// (six tertials T3 2024 … T2 2026; year to date 1 Jan – 31 Aug 2026 and 2025). Built through the
/// API. Small-number threshold 2, so an indicator with two exits is judged.
///
/// A "Arbetsträning" — IndividualFocused / Preparatory, Identified, 2025-01-01 – 2027-12-31;
/// plans: 2025 31 planned, 2026 37.
///   W0 woman 2025-02-03 → 2025-06-16 PlannedCompletion, Employed, step 2→4
///   W1 woman 2025-03-10 → 2025-04-25 Discontinued, JobSeeking, step 2→2
///   W2 woman 2025-05-12 → 2025-05-13 RegisteredInError                    (counts nowhere)
///   M0 man   2025-04-14 → 2025-10-20 PlannedCompletion, Studies, step 2→3
///   M1 man   2025-09-01 → open
///   W3 woman 2025-11-03 → 2026-02-27 PlannedCompletion, SubsidisedEmployment, step 2→3
///   M2 man   2026-01-12 → 2026-03-31 Illness, SickLeave, no step at exit
///   W4 woman 2026-02-02 → open                                            (the late exit's participant)
///   M3 man   2026-05-04 → 2026-06-30 PlannedCompletion, Employed, step 2→4
///   M4 man   2026-06-01 → 2026-08-31 Deceased                             (no outcome: in no indicator)
///
/// B "Kartläggning anonym" — IndividualFocused / Preparatory, AnonymousIndividual, 2025-01-01 –
/// 2027-12-31; plans: 2025 12, 2026 15.
///   AW0 woman 2025-01-20 → 2025-03-28 PlannedCompletion, Studies, step 2→3
///   AM0 man   2025-06-02 → open
///   AW1 woman 2026-03-02 → 2026-07-10 Discontinued, JobSeeking, step 2→3
///
/// C "Utbildning handläggare" — Structural / Training, CountOnly, 2025-01-01 – 2027-12-31; plans
/// 2025 40, 2026 60 (never in the individual plan); counts 2025: 12 women, 8 men.
///
/// Indicators: the defaults I1–I3 (version 1, valid from 2000), and I1 version 2 from 2026-01-01:
/// JobSeeking counts as success too, target 70 %.
/// </summary>
public sealed record TrendFixture(AssociationDto Association, InterventionDto A, InterventionDto B, InterventionDto C, long W4)
{
    public const string I1Version2Name = "Egen försörjning eller arbetssökande vid avslut";

    public static async Task<TrendFixture> CreateAsync(TestUsers users, TestData data)
    {
        var association = await (await users.Admin.PostAsync("/api/v1/associations",
                new JsonObject { ["name"] = "Samordningsförbundet Trend", ["smallNumberThreshold"] = 2 }))
            .ShouldBeAsync<AssociationDto>(HttpStatusCode.Created);
        var api = users.OfficeOf(association.Id);
        var provider = await data.ProviderAsync(association.Id, "Trend utförare");

        var a = await api.InterventionAsync(association.Id, provider.Id, "Arbetsträning", Mode.Identified, "Preparatory", D(2025, 1, 1));
        var b = await api.InterventionAsync(association.Id, provider.Id, "Kartläggning anonym", Mode.AnonymousIndividual, "Preparatory",
            D(2025, 1, 1));
        var c = await api.InterventionAsync(association.Id, provider.Id, "Utbildning handläggare", Mode.CountOnly, "Training", D(2025, 1, 1));

        await api.PlanAsync(a.Id, 2025, 31, 600_000, 200_000);
        await api.PlanAsync(a.Id, 2026, 37, 650_000, 300_000);
        await api.PlanAsync(b.Id, 2025, 12, 240_000, 90_000);
        await api.PlanAsync(b.Id, 2026, 15, 250_000, 80_000);
        await api.PlanAsync(c.Id, 2025, 40, 100_000, 50_000);
        await api.PlanAsync(c.Id, 2026, 60, 120_000, 40_000);
        await data.CountAsync(c.Id, 2025, 12, 8);

        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Woman(0), D(2025, 2, 3), D(2025, 6, 16), "PlannedCompletion", "Employed", 4);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Woman(1), D(2025, 3, 10), D(2025, 4, 25), "Discontinued", "JobSeeking", 2);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Woman(2), D(2025, 5, 12), D(2025, 5, 13), "RegisteredInError", null, null);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Man(0), D(2025, 4, 14), D(2025, 10, 20), "PlannedCompletion", "Studies", 3);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Man(1), D(2025, 9, 1));
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Woman(3), D(2025, 11, 3), D(2026, 2, 27), "PlannedCompletion",
            "SubsidisedEmployment", 3);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Man(2), D(2026, 1, 12), D(2026, 3, 31), "Illness", "SickLeave", null);
        var w4 = await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Woman(4), D(2026, 2, 2));
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Man(3), D(2026, 5, 4), D(2026, 6, 30), "PlannedCompletion", "Employed", 4);
        await api.IdentifiedAsync(data, a.Id, TestPersonnummer.Man(4), D(2026, 6, 1), D(2026, 8, 31), "Deceased", null, null);

        await api.AnonymousAsync(data, b.Id, "Woman", D(2025, 1, 20), D(2025, 3, 28), "PlannedCompletion", "Studies", 3);
        await api.AnonymousAsync(data, b.Id, "Man", D(2025, 6, 2));
        await api.AnonymousAsync(data, b.Id, "Woman", D(2026, 3, 2), D(2026, 7, 10), "Discontinued", "JobSeeking", 3);

        await (await api.PutAsync($"/api/v1/associations/{association.Id}/indicator-definitions/I1", new JsonObject
        {
            ["name"] = I1Version2Name,
            ["measurementPoint"] = "AtExit",
            ["orientation"] = "IndividualFocused",
            ["categories"] = new JsonArray(),
            ["registrationModes"] = new JsonArray("Identified", "AnonymousIndividual"),
            ["excludedExitReasons"] = new JsonArray("RegisteredInError", "Deceased"),
            ["successRule"] = "OccupationIn",
            ["successOccupations"] = new JsonArray("Employed", "SubsidisedEmployment", "Studies", "JobSeeking"),
            ["targetPercent"] = 70,
            ["validFrom"] = "2026-01-01",
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        return new TrendFixture(association, a, b, c, w4.Id);
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
