using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Demo;

internal sealed record DemoProvider(CreateProviderCommand Command, IReadOnlyList<string> Coaches)
{
    public string Name => Command.Name!;
}

/// <summary>An intervention as the commands that create it; ids are filled in when they exist.</summary>
internal sealed record DemoIntervention(
    CreateInterventionCommand Command,
    string ProviderName,
    IReadOnlyList<SetInterventionPlanCommand> Plans,
    IReadOnlyList<SetInterventionCountCommand> Counts)
{
    public RegistrationMode Mode => Command.RegistrationMode!.Value;
    public IReadOnlyList<string> Municipalities => Command.Municipalities!;
    public int ExpectedWeeks => Command.ExpectedLengthWeeks ?? 12;
}

/// <summary>
/// Sjuhärads samordningsförbund from its adopted 2024 plan: one intervention per row and
/// municipality, a yearly plan 2023–2026 around the 2024 figures, and counts for the count-only ones.
/// </summary>
internal static class DemoAssociation
{
    public const string Name = "Sjuhärads samordningsförbund";
    public const string Region = "Sjuhärad";
    public const int FirstYear = 2023;
    public const int LastYear = 2026;
    public const int PlanYear = 2024;
    public const string ForbundWideProvider = "Navet Sjuhärad";

    public static readonly DateOnly InterventionsStart = new(FirstYear, 1, 1);

    public static readonly IReadOnlyList<string> Municipalities =
        ["Bollebygd", "Borås", "Herrljunga", "Mark", "Svenljunga", "Tranemo", "Ulricehamn", "Vårgårda"];

    /// <summary>Rough shares of the region's population of working age, for home municipalities.</summary>
    public static readonly IReadOnlyList<(string Value, double Weight)> PopulationWeights =
    [
        ("Borås", 0.45), ("Mark", 0.14), ("Ulricehamn", 0.10), ("Vårgårda", 0.05),
        ("Tranemo", 0.05), ("Svenljunga", 0.05), ("Herrljunga", 0.05), ("Bollebygd", 0.04),
    ];

    public static CreateAssociationCommand Association => new(Name, OrganisationNumber: null, SmallNumberThreshold: 5);

    private static readonly Dictionary<string, string[]> CoachesByMunicipality = new()
    {
        ["Bollebygd"] = ["Karin Åberg", "Johan Lind"],
        ["Borås"] = ["Anna Björklund", "Mehmet Yilmaz", "Sofia Ekström", "Jonas Öhman"],
        ["Herrljunga"] = ["Maria Sjöberg", "Per Håkansson"],
        ["Mark"] = ["Eva Lindström", "Ahmed Hassan", "Malin Kärrman"],
        ["Svenljunga"] = ["Lena Svärd", "Erik Nyström"],
        ["Tranemo"] = ["Helena Åkesson", "Mikael Berg"],
        ["Ulricehamn"] = ["Sara Hägg", "Daniel Ström", "Frida Sandén"],
        ["Vårgårda"] = ["Ingrid Löfgren", "Tobias Wallin"],
    };

    public static IReadOnlyList<DemoProvider> Providers() =>
    [
        .. Municipalities.Select(m => new DemoProvider(new CreateProviderCommand(ProviderOf(m), null), CoachesByMunicipality[m])),
        new DemoProvider(new CreateProviderCommand(ForbundWideProvider, null), ["Nadia Karlsson", "Björn Ålund"]),
    ];

    public static string ProviderOf(string municipality) =>
        municipality == Region ? ForbundWideProvider : $"Arbetsmarknadsenheten {municipality}";

    public static IReadOnlyList<DemoIntervention> Interventions(IReadOnlyList<PlanRow> rows, DateOnly today, Dice dice)
    {
        var current = rows.Where(r => r.Year == PlanYear).ToList();
        if (current.Count == 0)
        {
            throw new InvalidDataException($"{SeedFiles.PlansFile} has no rows for {PlanYear}.");
        }

        // Every registration mode appears: the plan has no anonymous intervention, so add a small
        // low-threshold one (not in the adopted plan).
        current.Add(new PlanRow(PlanYear, "Öppen ingång", Orientation.IndividualFocused, InterventionCategory.Mapping,
            RegistrationMode.AnonymousIndividual, Region, 40, 300_000, 8));

        return [.. current.Select(row => Intervention(row, today, dice))];
    }

    private static DemoIntervention Intervention(PlanRow row, DateOnly today, Dice dice)
    {
        var municipalities = row.Municipality == Region ? Municipalities : [row.Municipality];
        var name = row.Municipality == Region ? row.Intervention : $"{row.Intervention} – {row.Municipality}";
        var command = new CreateInterventionCommand(
            name,
            ProviderId: null,
            row.Orientation,
            row.Category,
            row.RegistrationMode,
            municipalities,
            InterventionsStart,
            EndDate: null,
            row.ExpectedWeeks,
            TargetGroup(row));

        var plans = new List<SetInterventionPlanCommand>();
        var counts = new List<SetInterventionCountCommand>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            // The adopted 2024 plan as it is; the other years within ±10 % of it, budget in whole 5 tkr.
            var factor = year == PlanYear ? 1.0 : dice.Between(0.90, 1.10);
            var planned = (int)Math.Round(row.PlannedParticipants * factor);
            var budget = year == PlanYear ? row.BudgetSek : (long)Math.Round(row.BudgetSek * factor / 5000) * 5000;
            plans.Add(new SetInterventionPlanCommand(planned, budget, ActualCost(budget, year, today, dice)) { Year = year });

            if (row.RegistrationMode == RegistrationMode.CountOnly && year <= today.Year)
            {
                // A third of the year's people per tertial, the current tertial as far as it has come.
                var yearTotal = planned * dice.Between(0.80, 1.05);
                for (var tertial = 1; tertial <= 3 && Tertials.Start(year, tertial) <= today; tertial++)
                {
                    var total = (int)Math.Round(yearTotal / 3 * ShareOfTertialPassed(year, tertial, today));
                    var women = (int)Math.Round(total * dice.Between(0.66, 0.80));
                    counts.Add(new SetInterventionCountCommand(women, total - women) { Year = year, Tertial = tertial });
                }
            }
        }

        return new DemoIntervention(command, ProviderOf(row.Municipality), plans, counts);
    }

    /// <summary>Past years: most of the budget spent; this year: spent so far; later years: nothing yet.</summary>
    private static long ActualCost(long budget, int year, DateOnly today, Dice dice)
    {
        if (year > today.Year)
        {
            return 0;
        }

        var share = year < today.Year ? dice.Between(0.86, 1.02) : dice.Between(0.85, 1.0) * ShareOfYearPassed(year, today);
        return (long)Math.Round(budget * share / 1000) * 1000;
    }

    private static double ShareOfYearPassed(int year, DateOnly today) =>
        year < today.Year ? 1.0 : (double)today.DayOfYear / (DateTime.IsLeapYear(year) ? 366 : 365);

    private static double ShareOfTertialPassed(int year, int tertial, DateOnly today)
    {
        var (start, end) = (Tertials.Start(year, tertial), Tertials.End(year, tertial));
        return today >= end ? 1.0 : (today.DayNumber - start.DayNumber + 1.0) / (end.DayNumber - start.DayNumber + 1);
    }

    private static string TargetGroup(PlanRow row) => row.Intervention switch
    {
        "Aktiv kraft med PULS" =>
            "Personer 18–64 år som behöver stöd från minst två parter för att närma sig arbete eller studier, "
            + "ofta med långvarig sjukskrivning, försörjningsstöd eller aktivitetsersättning.",
        "Gröna vägen framåt" =>
            "Personer med psykisk ohälsa eller lång tid utan sysselsättning som behöver arbetsträning i grön miljö.",
        "Öppen ingång" =>
            "Personer som ännu inte vill eller kan lämna personuppgifter: öppen, anonym verksamhet utan krav på anvisning.",
        _ when row.Orientation == Orientation.Structural =>
            "Personal och chefer hos parterna i Sjuhärads åtta kommuner.",
        _ => "Personer i arbetsför ålder med behov av samordnade insatser.",
    };
}
