using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// A realistic tertial report built in code: two orientations, a few categories and
/// interventions (å ä ö in names, one with a note), subtotals that are the sums of their rows.
/// </summary>
internal static class ReportFixture
{
    public const string Association = "Samordningsförbundet Östra Skåne";
    public const string AdoptedBy = "Anna Lindström";
    public const string NoteText = "Kön har minskat från tolv till fem personer sedan april; två handläggare från Arbetsförmedlingen deltar varje vecka.";
    public const string SoftValuesText = "Flera deltagare beskriver bättre sömn och nya kontakter i gruppen.";
    public const string QuotedName = "Café \"Öppen dörr\"; drop-in";

    private const int Threshold = 5;
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 8, 31);

    private static readonly ReportIndicatorDefinition I1 = new("I1", "Egen försörjning vid avslut", 2, MeasurementPoint.AtExit, 35);
    private static readonly ReportIndicatorDefinition I2 = new("I2", "Egen försörjning 12 månader efter avslut", 1, MeasurementPoint.TwelveMonthsAfterExit, 50);
    private static readonly ReportIndicatorDefinition I3 = new("I3", "Stegförflyttning", 1, MeasurementPoint.AtExit, 60);

    /// <summary>The report as the office (exact) or the board (masked) reads it, in the files' one presentation.</summary>
    public static ReportPresentation Present(TertialReport report, ReportAudience audience = ReportAudience.Office, int threshold = 5) =>
        ReportPresenter.Present(new TertialReportView(report.Header.AdoptedAtUtc is null ? ReportStatus.Draft : ReportStatus.Adopted, report, []),
            audience, threshold);

    /// <param name="extraInterventions">More interventions in one category, to make the tables run over several pages.</param>
    public static TertialReport Create(int extraInterventions = 0, bool adopted = false)
    {
        var individual = Section(Orientation.IndividualFocused, "Individinriktad",
        [
            Category(InterventionCategory.Mapping, "Kartläggning",
            [
                Row(101, "Kartläggning Ängelholm – arbetsförmåga", 11, "Ängelholms kommun",
                    Individual(30, GenderCount.Of(14, 9), GenderCount.Of(6, 4), GenderCount.Of(4, 3), 1_250_000, 830_500, (2, 4), (1, 3), (3, 4), (2, 3), (3, 6, 5), (2, 4, 3))),
                Row(102, "Steg för steg – Höör", 12, "Försäkringskassan",
                    Individual(25, GenderCount.Of(8, 11), GenderCount.Of(3, 5), GenderCount.Of(2, 2), 640_000, 702_350, (1, 2), (0, 2), (1, 2), (1, 2), (1, 2, 2), (0, 1, 1))),
            ]),
            Category(InterventionCategory.RehabilitationToWorkOrStudies, "Rehabilitering till arbete eller utbildning",
            [
                Row(103, "Jobbspår Hässleholm", 13, "Hässleholms kommun",
                    Individual(40, GenderCount.Of(17, 15), GenderCount.Of(7, 6), GenderCount.Of(5, 4), 2_100_000, 1_395_200, (3, 5), (1, 4), (4, 5), (3, 4), (4, 7, 6), (2, 5, 4)),
                    Note(103)),
                Row(104, QuotedName, 14, "Region Skåne, psykiatrin",
                    Individual(12, GenderCount.Of(5, 2), GenderCount.Of(2, 1), GenderCount.Of(1, 1), 380_000, 101_000, (0, 1), (1, 1), (1, 1), (0, 1), (0, 1, 1), (1, 1, 1))),
                .. Enumerable.Range(1, extraInterventions).Select(Extra),
            ]),
        ]);
        var structural = Section(Orientation.Structural, "Strukturövergripande",
        [
            Category(InterventionCategory.Training, "Utbildning",
            [
                Row(201, "Föreläsningsserie om psykisk ohälsa för chefer", 15, "Samordningsförbundet",
                    CountOnly(120, GenderCount.Of(46, 31), 150_000, 98_400), RegistrationMode.CountOnly),
            ]),
            Category(InterventionCategory.DialogueAndCommunication, "Dialog och kommunikation",
            [
                Row(202, "Samverkansdag för handläggare i Åstorp", 15, "Samordningsförbundet",
                    CountOnly(60, GenderCount.Of(28, 13), 75_000, 81_900), RegistrationMode.CountOnly),
            ]),
        ]);

        var header = new ReportHeader(7, Association, 2025, 2, ReportMode.YearToDate, From, To,
            new DateTime(2025, 9, 5, 6, 30, 0, DateTimeKind.Utc), [I1, I2, I3],
            adopted ? new DateTime(2025, 9, 20, 12, 0, 0, DateTimeKind.Utc) : null, adopted ? AdoptedBy : null);
        ReportSection[] sections = [individual, structural];
        DataQualityRow[] quality =
        [
            new(11, "Ängelholms kommun", 2, 1, 0, 1, UnreachableWithTooFewAttempts: 0, ContactAttempts: 2),
            new(12, "Försäkringskassan", 0, 0, 1, 0),
            new(13, "Hässleholms kommun", 1, 2, 2, 3, 1, UnreachableWithTooFewAttempts: 1, ContactAttempts: 4),
        ];
        return new TertialReport(header, sections, Sum(sections.Select(s => s.Subtotal)), quality);
    }

    /// <summary>The figures of a category or orientation without interventions: all zero.</summary>
    public static ReportFigures NoFigures() =>
        new(0, 0, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, [], [], [], 0, 0, null, null, 0, string.Empty);

    /// <summary>The report with one intervention renamed (and its provider), figures unchanged.</summary>
    public static TertialReport Rename(TertialReport report, long interventionId, string name, string provider) => report with
    {
        Sections = [.. report.Sections.Select(s => s with
        {
            Categories = [.. s.Categories.Select(c => c with
            {
                Interventions = [.. c.Interventions.Select(r => r.InterventionId == interventionId ? r with { Name = name, ProviderName = provider } : r)],
            })],
        })],
    };

    public static IEnumerable<ReportRow> Interventions(TertialReport report) =>
        report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions);

    private static ReportRow Extra(int n) =>
        Row(1000 + n, $"Arbetsträning på Åbyskolan, grupp {n}", 16, "Östra Göinge kommun",
            Individual(10 + n, GenderCount.Of(3 + (n % 4), 2 + (n % 3)), GenderCount.Of(1, 1), GenderCount.Of(1, n % 2),
                200_000 + (n * 1_000), 150_000 + (n * 777), (n % 2, 1), (0, n % 2), (1, 1), (0, n % 2), (0, 1, 1), (0, n % 2, n % 2)));

    private static ReportSection Section(Orientation orientation, string label, List<ReportCategory> categories) =>
        new(orientation, label, categories, Sum(categories.Select(c => c.Subtotal)));

    private static ReportCategory Category(InterventionCategory category, string label, List<ReportRow> rows) =>
        new(category, label, rows, Sum(rows.Select(r => r.Figures)));

    private static ReportRow Row(long id, string name, long providerId, string provider, ReportFigures figures,
        RegistrationMode mode = RegistrationMode.Identified, TertialNoteResponse? note = null) =>
        new(id, name, providerId, provider, mode, figures, note);

    private static ReportRow Row(long id, string name, long providerId, string provider, ReportFigures figures, TertialNoteResponse note) =>
        Row(id, name, providerId, provider, figures, RegistrationMode.Identified, note);

    private static TertialNoteResponse Note(long interventionId) => new(interventionId, 2025, 2,
        NoteText,
        "Gemensamma trepartssamtal med Försäkringskassan och vården har gett snabbare beslut.",
        null,
        new DateTime(2025, 9, 1, 10, 0, 0, DateTimeKind.Utc)) { SoftValues = SoftValuesText };

    /// <summary>Figures of an individual intervention. Tuples are (successes, exits) for women and men; I2 adds reached.</summary>
    private static ReportFigures Individual(
        int planned, GenderCount active, GenderCount started, GenderCount ended, long budget, long cost,
        (int N, int D) i1Women, (int N, int D) i1Men, (int N, int D) i3Women, (int N, int D) i3Men,
        (int N, int D, int Reached) i2Women, (int N, int D, int Reached) i2Men)
    {
        var exits = ended.Total;
        CodeCount[] reasons = exits > 1
            ? [new("PlannedCompletion", "Planenligt avslut", exits - 1), new("Discontinued", "Avbrott", 1)]
            : [new("PlannedCompletion", "Planenligt avslut", exits)];
        CodeCount[] occupations = exits > 1
            ? [new("Employed", "Arbete utan stöd", exits / 2), new("JobSeeking", "Aktivt arbetssökande", exits - (exits / 2))]
            : [new("JobSeeking", "Aktivt arbetssökande", exits)];
        ReportIndicator[] indicators =
        [
            Indicator(I1, i1Women, i1Men),
            Indicator(I2, (i2Women.N, i2Women.D), (i2Men.N, i2Men.D), (i2Women.Reached, i2Men.Reached)),
            Indicator(I3, i3Women, i3Men),
        ];
        return Figures(planned, active, started, ended, GenderCount.Of(active.Women - ended.Women, active.Men - ended.Men), GenderCount.Zero, reasons, occupations, indicators, budget, cost)
            with { Referrals = Referrals(started, planned) };
    }

    /// <summary>
    /// Referrals behind an intervention's new participants: every start came from a referral, from
    /// Arbetsförmedlingen and Försäkringskassan; a few declined for lack of place; some waiting.
    /// </summary>
    private static ReferralFigures Referrals(GenderCount started, int planned)
    {
        var fromAf = GenderCount.Of(started.Women / 2, started.Men / 2);
        var fromFk = GenderCount.Of(started.Women - fromAf.Women + 1, started.Men - fromAf.Men);
        PartyCount[] parties =
        [
            new("SocialInsuranceAgency", "Försäkringskassan", fromFk),
            new("PublicEmploymentService", "Arbetsförmedlingen", fromAf),
        ];
        CodeCount[] reasons = [new("NoPlace", "Ingen plats", 1)];
        var received = fromAf + fromFk;
        var days = planned % 7;
        return new ReferralFigures(parties, received, started, reasons, 1, 0, GenderCount.Of(planned % 3, planned % 2), 14 + days, 30 + days);
    }

    private static ReferralFigures? SumReferrals(List<ReportFigures> list)
    {
        var all = list.Select(f => f.Referrals).OfType<ReferralFigures>().ToList();
        if (all.Count == 0)
        {
            return null;
        }

        GenderCount Total(Func<ReferralFigures, GenderCount> pick) => all.Aggregate(GenderCount.Zero, (sum, r) => sum + pick(r));
        var parties = all.SelectMany(r => r.ReceivedByParty).GroupBy(p => p.Code)
            .Select(g => new PartyCount(g.Key, g.First().Label, g.Aggregate(GenderCount.Zero, (sum, p) => sum + p.Count))).ToList();
        return new ReferralFigures(parties, Total(r => r.Received), Total(r => r.Started), Codes(all.SelectMany(r => r.DeclinedByReason)),
            all.Sum(r => r.Declined), all.Sum(r => r.Withdrawn), Total(r => r.WaitingAtEnd), all.Max(r => r.MedianDaysToStart), all.Max(r => r.Percentile90DaysToStart));
    }

    private static ReportFigures CountOnly(int planned, GenderCount count, long budget, long cost) =>
        Figures(planned, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, count, [], [], [], budget, cost);

    private static ReportFigures Figures(
        int planned, GenderCount active, GenderCount started, GenderCount ended, GenderCount ongoing, GenderCount countOnly,
        IReadOnlyList<CodeCount> reasons, IReadOnlyList<CodeCount> occupations, IReadOnlyList<ReportIndicator> indicators,
        long budget, long cost, int? participants = null)
    {
        var denominator = participants ?? active.Total + countOnly.Total;
        return new ReportFigures(
            planned, planned * 8 / 12.0, active, started, ended, ongoing, countOnly, reasons, occupations, indicators,
            budget, cost,
            budget == 0 ? null : Math.Round(100.0 * cost / budget, 1, MidpointRounding.AwayFromZero),
            denominator == 0 ? null : (long)Math.Round((decimal)cost / denominator, MidpointRounding.AwayFromZero),
            denominator,
            "Utfall hittills i år ÷ deltagare aktiva hittills i år (individ- och volyminsatser)");
    }

    private static ReportIndicator Indicator(ReportIndicatorDefinition d, (int N, int D) women, (int N, int D) men, (int Women, int Men)? reached = null)
    {
        var twelveMonths = d.MeasurementPoint == MeasurementPoint.TwelveMonthsAfterExit;
        var (exitsFrom, exitsTo) = twelveMonths ? (From.AddYears(-1), To.AddYears(-1)) : (From, To);
        var total = (women.N + men.N, women.D + men.D);
        int? totalReached = reached is { } r ? r.Women + r.Men : null;
        var figure = Figure(total, d.TargetPercent, totalReached);
        var status = figure.TooFew ? IndicatorStatus.TooFew : figure.Met == true ? IndicatorStatus.Met : IndicatorStatus.NotMet;
        return new ReportIndicator(d.Code, d.Version, exitsFrom, exitsTo,
            Figure(women, d.TargetPercent, reached?.Women), Figure(men, d.TargetPercent, reached?.Men), figure, status);
    }

    private static IndicatorFigure Figure((int N, int D) x, decimal target, int? reached)
    {
        var tooFew = x.D < Threshold;
        return new IndicatorFigure(x.N, x.D, 0, reached, Percent(x.N, x.D),
            reached is { } r ? Percent(x.N, r) : null, reached is { } q ? Percent(q, x.D) : null,
            target, x.D == 0 || tooFew ? null : x.N * 100m >= target * x.D, tooFew);
    }

    private static double? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>A subtotal: counts and money summed, rates recomputed from the summed counts.</summary>
    private static ReportFigures Sum(IEnumerable<ReportFigures> parts)
    {
        var list = parts.ToList();
        GenderCount Total(Func<ReportFigures, GenderCount> pick) => list.Aggregate(GenderCount.Zero, (sum, f) => sum + pick(f));
        var indicators = list.SelectMany(f => f.Indicators).GroupBy(i => i.Code).Select(g =>
        {
            var definition = new[] { I1, I2, I3 }.Single(d => d.Code == g.Key);
            (int, int) Of(Func<ReportIndicator, IndicatorFigure> pick) => (g.Sum(i => pick(i).Numerator), g.Sum(i => pick(i).Denominator));
            (int, int)? reached = definition.MeasurementPoint == MeasurementPoint.TwelveMonthsAfterExit
                ? (g.Sum(i => i.Woman.Reached ?? 0), g.Sum(i => i.Man.Reached ?? 0))
                : null;
            return Indicator(definition, Of(i => i.Woman), Of(i => i.Man), reached);
        }).ToList();
        var planned = list.Sum(f => f.PlannedParticipantsYear);
        var figures = Figures(planned, Total(f => f.Active), Total(f => f.New), Total(f => f.Ended), Total(f => f.OngoingAtEnd), Total(f => f.CountOnly),
            Codes(list.SelectMany(f => f.ExitsByReason)), Codes(list.SelectMany(f => f.OccupationAtExit)), indicators,
            list.Sum(f => f.BudgetSek), list.Sum(f => f.ActualCostSek), list.Sum(f => f.CostPerParticipantDenominator));
        return figures with { PlannedParticipantsProRata = list.Sum(f => f.PlannedParticipantsProRata), Referrals = SumReferrals(list) };
    }

    private static List<CodeCount> Codes(IEnumerable<CodeCount> counts) =>
        [.. counts.GroupBy(c => c.Code).Select(g => new CodeCount(g.Key, g.First().Label, g.Sum(c => c.Count)))];
}
