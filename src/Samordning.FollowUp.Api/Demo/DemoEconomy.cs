using Mediator;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.Api.Demo;

/// <summary>
/// The demo association's economy from Sjuhärad's 2024 plan: the state (Försäkringskassan and
/// Arbetsförmedlingen), the region and the eight municipalities with their populations, the
/// members' totals 2024–2026 (18 022 000, 20 000 000, 20 000 000), the office's costs and the
/// interventions' actual costs per ended tertial of the year, and the board's target "minst
/// 2000 tkr eget kapital". The populations reproduce the plan's printed rows.
/// </summary>
internal static class DemoEconomy
{
    private static readonly (string Name, MemberKind Kind)[] Members =
    [
        ("Försäkringskassan", MemberKind.State), ("Arbetsförmedlingen", MemberKind.State), ("Västra Götalandsregionen", MemberKind.Region),
        .. DemoAssociation.Municipalities.Select(m => (m, MemberKind.Municipality)),
    ];

    // Per municipality in DemoAssociation.Municipalities' order, 30 June of the year before.
    private static readonly Dictionary<int, int[]> Population = new()
    {
        [2024] = [9644, 113717, 9422, 34997, 10700, 11826, 24964, 12230],
        [2025] = [9710, 114454, 9481, 35220, 10763, 11908, 25144, 12320],
        [2026] = [9771, 115102, 9468, 35391, 10790, 11963, 25302, 12377],
    };

    private static readonly Dictionary<int, (long Total, int Unit, long OpeningEquity)> Years = new()
    {
        [2024] = (18_022_000, 100, 3_400_000),
        [2025] = (20_000_000, 1000, 2_950_000),
        [2026] = (20_000_000, 1000, 2_450_000),
    };

    private static readonly (AdministrationCategory Category, long Budget)[] Administration =
    [
        (AdministrationCategory.Staff, 2_900_000), (AdministrationCategory.Premises, 420_000), (AdministrationCategory.Audit, 160_000),
        (AdministrationCategory.It, 250_000), (AdministrationCategory.Other, 200_000),
    ];

    public static async Task SeedAsync(ISender sender, long associationId, IReadOnlyList<DemoIntervention> interventions, long[] interventionIds,
        DateOnly today, CancellationToken cancellationToken)
    {
        var memberIds = new List<long>();
        foreach (var (name, kind) in Members)
        {
            memberIds.Add((await sender.Send(new AddAssociationMemberCommand(name, kind) { AssociationId = associationId }, cancellationToken)).Id);
        }

        var (lastYear, lastTertial) = Tertials.LastEnded(today);
        foreach (var (year, (total, unit, equity)) in Years)
        {
            await sender.Send(new SetEconomyYearCommand(total, unit, equity, 0, year == 2026 ? 150_000 : 0, 0) { AssociationId = associationId, Year = year }, cancellationToken);
            for (var m = 0; m < DemoAssociation.Municipalities.Count; m++)
            {
                await sender.Send(new SetMemberYearCommand(null, Population[year][m], new DateOnly(year - 1, 6, 30))
                    { AssociationId = associationId, MemberId = memberIds[3 + m], Year = year }, cancellationToken);
            }

            // Ended tertials: a third of the year's budget each, a little under in the first.
            var ended = year < lastYear ? 3 : year == lastYear ? lastTertial : 0;
            long? Part(long budget, int tertial) => tertial > ended ? null : Apportionment.Fraction(budget, tertial == 1 ? 30 : 34, 100);
            foreach (var (category, budget) in Administration)
            {
                await sender.Send(new SetAdministrationCostCommand(budget, null, Part(budget, 1), Part(budget, 2), Part(budget, 3))
                    { AssociationId = associationId, Year = year, Category = category.ToString() }, cancellationToken);
            }

            for (var i = 0; i < interventions.Count; i++)
            {
                if (interventions[i].Plans.FirstOrDefault(p => p.Year == year) is { BudgetSek: { } budget })
                {
                    await sender.Send(new SetInterventionCostCommand(null, Part(budget, 1), Part(budget, 2), Part(budget, 3))
                        { InterventionId = interventionIds[i], Year = year }, cancellationToken);
                }
            }
        }

        await sender.Send(new SetFinancialTargetsCommand([new FinancialTargetInput(FinancialTargetKind.MinimumEquity, 2_000_000, null, null)])
            { AssociationId = associationId }, cancellationToken);
    }
}
