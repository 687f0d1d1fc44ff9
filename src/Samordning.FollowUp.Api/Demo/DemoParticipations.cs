using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Demo;

/// <summary>A synthetic participation as the commands a coach would send: intake, then maybe the exit.</summary>
internal sealed record DemoParticipation(
    int InterventionIndex,
    RegisterParticipationCommand Register,
    RecordExitCommand? Exit,
    bool IsReEntry);

/// <summary>
/// Synthetic participations with realistic distributions (referrals, situation at start, exits
/// around the intended length, outcomes near the förbund's targets) and a few data-quality cases.
/// Identified people come only from Skatteverket's test personnummer.
/// </summary>
internal sealed class DemoParticipations
{
    public const int Target = 360;
    public const string ConsentTextVersion = "Samtycke v2.1";
    private const double EndedShare = 0.62;
    private const int StaleOpen = 3;
    private const int ReEntries = 6;
    private const int RegisteredInError = 2;
    private const int OldestAge = 64;
    private const int MinBirthYear = 1960;
    private const int MaxBirthYear = 1999;

    private readonly Dice _dice;
    private readonly DateOnly _today;
    private readonly DateOnly _firstDay;
    private readonly IReadOnlyList<DemoIntervention> _interventions;
    private readonly Dictionary<string, IReadOnlyList<string>> _coaches;
    private readonly Dictionary<(int Year, Gender Gender), List<PersonalIdentityNumber>> _people;

    private DemoParticipations(
        Dice dice, DateOnly today, IReadOnlyList<DemoIntervention> interventions,
        IReadOnlyList<DemoProvider> providers, IReadOnlyList<PersonalIdentityNumber> testPersons)
    {
        _dice = dice;
        _today = today;
        _firstDay = DemoAssociation.InterventionsStart;
        _interventions = interventions;
        _coaches = providers.ToDictionary(p => p.Name, p => p.Coaches);
        _people = testPersons
            .Where(p => p.BirthYear is >= MinBirthYear and <= MaxBirthYear && !p.IsCoordinationNumber)
            .GroupBy(p => (p.BirthYear, p.Gender))
            .ToDictionary(g => g.Key, g => g.ToList());
        if (_people.Values.Sum(p => p.Count) < Target * 4)
        {
            throw new InvalidDataException($"{SeedFiles.TestPersonsFile} has too few test personnummer born {MinBirthYear}–{MaxBirthYear}.");
        }
    }

    /// <summary>Intakes in start-date order, then the re-entries (which need the earlier exit recorded first).</summary>
    public static IReadOnlyList<DemoParticipation> Generate(
        IReadOnlyList<DemoIntervention> interventions, IReadOnlyList<DemoProvider> providers,
        IReadOnlyList<PersonalIdentityNumber> testPersons, DateOnly today, Dice dice) =>
        new DemoParticipations(dice, today, interventions, providers, testPersons).Generate();

    private List<DemoParticipation> Generate()
    {
        var first = new List<DemoParticipation>();
        foreach (var (index, count) in Allocate())
        {
            for (var k = 0; k < count; k++)
            {
                first.Add(New(index, Kind.Ordinary));
            }
        }

        var identified = Enumerable.Range(0, _interventions.Count)
            .Where(i => _interventions[i].Mode == RegistrationMode.Identified).ToList();
        for (var k = 0; k < StaleOpen; k++)
        {
            // Exits nobody recorded: still open long after the intended length.
            first.Add(New(_dice.OneOf(identified), Kind.StaleOpen));
        }

        MarkRegisteredInError(first);
        first = [.. first.OrderBy(p => p.Register.StartDate)];
        return [.. first, .. ReEnter(first)];
    }

    private enum Kind
    {
        Ordinary,
        StaleOpen,
    }

    /// <summary>Bigger interventions get more, but small municipalities still get a handful (square root of the plan).</summary>
    private IEnumerable<(int Index, int Count)> Allocate()
    {
        var individual = Enumerable.Range(0, _interventions.Count)
            .Where(i => _interventions[i].Mode != RegistrationMode.CountOnly)
            .Select(i => (Index: i, Weight: Math.Sqrt(_interventions[i].Plans.Single(p => p.Year == DemoAssociation.PlanYear).PlannedParticipants!.Value)))
            .ToList();
        var total = individual.Sum(x => x.Weight);
        return individual.Select(x => (x.Index, (int)Math.Round(Target * x.Weight / total)));
    }

    private DemoParticipation New(int index, Kind kind)
    {
        var intervention = _interventions[index];
        var weeks = intervention.ExpectedWeeks;
        var ends = kind == Kind.Ordinary
            && _dice.Chance(intervention.Mode == RegistrationMode.AnonymousIndividual ? 0.7 : EndedShare);
        var reason = ExitReasonDraw();
        var days = LengthInDays(reason, weeks);
        DateOnly start;
        ExitPlan? exit = null;
        if (kind == Kind.StaleOpen)
        {
            start = StartBetween(_today.AddDays(-weeks * 7 * 3), _today.AddDays(-weeks * 7 * 17 / 10));
        }
        else if (ends && _today.AddDays(-days) >= _firstDay)
        {
            start = StartBetween(_firstDay, _today.AddDays(-days));
            exit = new ExitPlan(reason, WeekdayNotBefore(start.AddDays(days), start));
        }
        else
        {
            // Still taking part: started within about the intended length.
            start = StartBetween(_today.AddDays(-(int)(weeks * 7 * 1.3)), _today);
        }

        var who = Who(intervention, start, person: null);
        var situation = StartSituation(intervention, start.Year - who.BirthYear);
        var register = Register(intervention, start, situation, who);
        return new DemoParticipation(index, register, exit is null ? null : Exit(exit, situation), IsReEntry: false);
    }

    private RegisterParticipationCommand Register(DemoIntervention intervention, DateOnly start, StartSituationDraw s, Someone who)
    {
        var situation = new StartSituation
        {
            StartDate = start,
            HomeMunicipality = HomeMunicipality(intervention),
            ReferredBy = s.ReferredBy,
            EducationLevel = s.Education,
            TimeInPublicSupport = s.TimeInSupport,
            OccupationAtStart = s.Occupation,
            ExtentPercentAtStart = s.Extent,
            IncomeSourcesAtStart = s.IncomeSources,
            StepAtStart = s.Step,
        };
        if (who.Person is not { } number)
        {
            return new RegisterParticipationCommand(situation with { Gender = who.Gender, BirthYear = who.BirthYear });
        }

        var coach = _dice.OneOf(_coaches[intervention.ProviderName]);
        return new RegisterParticipationCommand(situation with
        {
            PersonalIdentityNumber = number.Value,
            Consent = new ConsentRequest(start, ConsentTextVersion, coach),
        });
    }

    /// <summary>A test person (identified) or a gender and birth year (anonymous).</summary>
    private sealed record Someone(PersonalIdentityNumber? Person, Gender Gender, int BirthYear);

    private sealed record ExitPlan(ExitReason Reason, DateOnly EndDate);

    private sealed record StartSituationDraw(
        ReferredBy ReferredBy,
        EducationLevel Education,
        TimeInPublicSupport TimeInSupport,
        Occupation Occupation,
        int? Extent,
        IReadOnlyList<IncomeSource> IncomeSources,
        int? Step);

    // ---- who -------------------------------------------------------------------------------

    private Someone Who(DemoIntervention intervention, DateOnly start, PersonalIdentityNumber? person)
    {
        if (intervention.Mode == RegistrationMode.AnonymousIndividual)
        {
            return new Someone(null, _dice.Chance(0.57) ? Gender.Woman : Gender.Man, BirthYearAt(start));
        }

        var number = person ?? Person(start);
        return new Someone(number, number.Gender, number.BirthYear);
    }

    /// <summary>A test person of working age at the start, women somewhat more often, never used twice.</summary>
    private PersonalIdentityNumber Person(DateOnly start)
    {
        while (true)
        {
            var gender = _dice.Chance(0.58) ? Gender.Woman : Gender.Man;
            var year = BirthYearAt(start);
            if (year is < MinBirthYear or > MaxBirthYear
                || !_people.TryGetValue((year, gender), out var candidates) || candidates.Count == 0)
            {
                continue;
            }

            var i = _dice.Between(0, candidates.Count - 1);
            var person = candidates[i];
            candidates[i] = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
            return person;
        }
    }

    /// <summary>Age at start 20–64, younger adults more often, as in these interventions.</summary>
    private int BirthYearAt(DateOnly start)
    {
        var (from, to) = _dice.Pick(((20, 29), 0.30), ((30, 39), 0.26), ((40, 49), 0.22), ((50, 59), 0.17), ((60, OldestAge), 0.05));
        return start.Year - _dice.Between(from, to);
    }

    private string HomeMunicipality(DemoIntervention intervention)
    {
        if (intervention.Municipalities.Count == 1 && _dice.Chance(0.96))
        {
            return intervention.Municipalities[0];
        }

        string home;
        do
        {
            home = _dice.Pick([.. DemoAssociation.PopulationWeights]);
        }
        while (intervention.Municipalities.Count == 1 && home == intervention.Municipalities[0]);
        return home;
    }

    // ---- when --------------------------------------------------------------------------------

    /// <summary>A weekday in [from, to] (clamped to the data window and today), fewer in summer and at Christmas.</summary>
    private DateOnly StartBetween(DateOnly from, DateOnly to)
    {
        from = Max(from, _firstDay);
        to = Min(to, _today);
        if (to <= from)
        {
            return Min(from, _today);
        }

        var span = to.DayNumber - from.DayNumber;
        while (true)
        {
            var day = from.AddDays(_dice.Between(0, span));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && span >= 7)
            {
                continue;
            }

            var weight = day.Month switch
            {
                7 => 0.25,
                6 or 8 => 0.75,
                12 => 0.7,
                _ => 1.0,
            };
            if (_dice.Chance(weight))
            {
                return WeekdayWithin(day, from, to);
            }
        }
    }

    private static DateOnly WeekdayWithin(DateOnly day, DateOnly from, DateOnly to)
    {
        var monday = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? 2 : day.DayOfWeek == DayOfWeek.Sunday ? 1 : 0);
        if (monday <= to)
        {
            return monday;
        }

        var friday = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? -1 : day.DayOfWeek == DayOfWeek.Sunday ? -2 : 0);
        return friday >= from ? friday : day;
    }

    private static DateOnly WeekdayNotBefore(DateOnly end, DateOnly start)
    {
        var friday = end.AddDays(end.DayOfWeek == DayOfWeek.Saturday ? -1 : end.DayOfWeek == DayOfWeek.Sunday ? -2 : 0);
        return friday >= start ? friday : end;
    }

    /// <summary>Planned completions around the intended length; breaks earlier; transfers in between.</summary>
    private int LengthInDays(ExitReason reason, int weeks)
    {
        var intended = weeks * 7;
        var factor = reason switch
        {
            ExitReason.PlannedCompletion => Math.Clamp(Math.Exp(0.18 * _dice.Normal()), 0.65, 1.6),
            ExitReason.TransferredToParty => _dice.Between(0.3, 0.9),
            _ => _dice.Between(0.1, 0.8),
        };
        return Math.Max(7, (int)Math.Round(intended * factor));
    }

    // ---- situation at start ------------------------------------------------------------------

    private StartSituationDraw StartSituation(DemoIntervention intervention, int age)
    {
        var anonymous = intervention.Mode == RegistrationMode.AnonymousIndividual;
        var referredBy = anonymous
            ? _dice.Pick((ReferredBy.SelfReferral, 0.45), (ReferredBy.Municipality, 0.25), (ReferredBy.Region, 0.10),
                (ReferredBy.Other, 0.10), (ReferredBy.PublicEmploymentService, 0.05), (ReferredBy.SocialInsuranceAgency, 0.05))
            : _dice.Pick((ReferredBy.SocialInsuranceAgency, 0.32), (ReferredBy.PublicEmploymentService, 0.28),
                (ReferredBy.Municipality, 0.27), (ReferredBy.Region, 0.08), (ReferredBy.SelfReferral, 0.04), (ReferredBy.Other, 0.01));

        var occupation = _dice.Chance(0.015) ? Occupation.Unknown : referredBy switch
        {
            ReferredBy.SocialInsuranceAgency => _dice.Pick((Occupation.SickLeave, 0.75), (Occupation.InterventionAtParty, 0.15),
                (Occupation.JobSeeking, 0.05), (Occupation.Other, 0.05)),
            ReferredBy.PublicEmploymentService => _dice.Pick((Occupation.JobSeeking, 0.55), (Occupation.InterventionAtParty, 0.40),
                (Occupation.Other, 0.05)),
            ReferredBy.Municipality => _dice.Pick((Occupation.InterventionAtParty, 0.40), (Occupation.JobSeeking, 0.25),
                (Occupation.Other, 0.25), (Occupation.SickLeave, 0.10)),
            ReferredBy.Region => _dice.Pick((Occupation.SickLeave, 0.70), (Occupation.Other, 0.20), (Occupation.JobSeeking, 0.10)),
            _ => _dice.Pick((Occupation.Other, 0.35), (Occupation.JobSeeking, 0.35), (Occupation.SickLeave, 0.20), (Occupation.Studies, 0.10)),
        };

        // Aktivitetsersättning is for ages 19–29, sjukersättning from 30.
        var young = age < 30;
        IncomeSource[] income = occupation switch
        {
            Occupation.SickLeave => _dice.Chance(0.7)
                ? [IncomeSource.SicknessBenefit]
                : young ? [IncomeSource.ActivityCompensation] : [IncomeSource.SicknessCompensation],
            Occupation.JobSeeking => _dice.Pick<IncomeSource[]>(
                ([IncomeSource.ActivitySupport], 0.35), ([IncomeSource.ActivitySupport, IncomeSource.FinancialAssistance], 0.10),
                ([IncomeSource.UnemploymentInsurance], 0.15), ([IncomeSource.FinancialAssistance], 0.40)),
            Occupation.InterventionAtParty => referredBy switch
            {
                ReferredBy.PublicEmploymentService => [IncomeSource.ActivitySupport],
                ReferredBy.SocialInsuranceAgency => young ? [IncomeSource.ActivityCompensation] : [IncomeSource.SicknessBenefit],
                _ => [IncomeSource.FinancialAssistance],
            },
            Occupation.Studies => [IncomeSource.StudentFinance],
            Occupation.Other => _dice.Pick<IncomeSource[]>(([IncomeSource.FinancialAssistance], 0.5), ([IncomeSource.NoPublicSupport], 0.3), ([IncomeSource.Other], 0.2)),
            _ => [],
        };
        if (occupation == Occupation.SickLeave && _dice.Chance(0.1))
        {
            income = [.. income, IncomeSource.FinancialAssistance];
        }

        int? extent = occupation switch
        {
            Occupation.SickLeave => _dice.Pick((100, 0.6), (75, 0.15), (50, 0.2), (25, 0.05)),
            Occupation.JobSeeking => 100,
            Occupation.InterventionAtParty => _dice.Pick((25, 0.2), (50, 0.4), (75, 0.2), (100, 0.2)),
            Occupation.Studies => _dice.Pick((50, 0.5), (100, 0.5)),
            _ => null,
        };

        int? step = _dice.Chance(0.015) || occupation == Occupation.Unknown ? null : occupation switch
        {
            Occupation.SickLeave => _dice.Pick((1, 0.5), (2, 0.4), (3, 0.1)),
            Occupation.JobSeeking => _dice.Pick((1, 0.3), (2, 0.4), (3, 0.3)),
            Occupation.InterventionAtParty => _dice.Pick((1, 0.1), (2, 0.55), (3, 0.35)),
            Occupation.Studies => 3,
            _ => _dice.Pick((1, 0.7), (2, 0.3)),
        };

        var education = _dice.Pick((EducationLevel.PrimaryIncomplete, 0.08), (EducationLevel.Primary, 0.27),
            (EducationLevel.UpperSecondary, 0.42), (EducationLevel.PostSecondaryShort, 0.10),
            (EducationLevel.PostSecondaryLong, 0.08), (EducationLevel.Unknown, 0.05));
        var timeInSupport = occupation == Occupation.SickLeave
            ? _dice.Pick((TimeInPublicSupport.SixTo12Months, 0.15), (TimeInPublicSupport.OneToTwoYears, 0.30),
                (TimeInPublicSupport.TwoToFiveYears, 0.35), (TimeInPublicSupport.MoreThanFiveYears, 0.17), (TimeInPublicSupport.Unknown, 0.03))
            : _dice.Pick((TimeInPublicSupport.None, 0.04), (TimeInPublicSupport.UpTo6Months, 0.10),
                (TimeInPublicSupport.SixTo12Months, 0.13), (TimeInPublicSupport.OneToTwoYears, 0.20),
                (TimeInPublicSupport.TwoToFiveYears, 0.28), (TimeInPublicSupport.MoreThanFiveYears, 0.20), (TimeInPublicSupport.Unknown, 0.05));

        return new StartSituationDraw(referredBy, education, timeInSupport, occupation, extent, income, step);
    }

    // ---- exit --------------------------------------------------------------------------------

    private ExitReason ExitReasonDraw() => _dice.Pick(
        (ExitReason.PlannedCompletion, 0.62), (ExitReason.Discontinued, 0.12), (ExitReason.Illness, 0.09),
        (ExitReason.TransferredToParty, 0.09), (ExitReason.MovedAway, 0.05), (ExitReason.Other, 0.03));

    private RecordExitCommand Exit(ExitPlan plan, StartSituationDraw start)
    {
        var occupation = plan.Reason switch
        {
            ExitReason.PlannedCompletion => _dice.Pick((Occupation.Employed, 0.18), (Occupation.SubsidisedEmployment, 0.21),
                (Occupation.Studies, 0.14), (Occupation.JobSeeking, 0.18), (Occupation.InterventionAtParty, 0.14),
                (Occupation.SickLeave, 0.08), (Occupation.Other, 0.04), (Occupation.Unknown, 0.02)),
            ExitReason.TransferredToParty => _dice.Pick((Occupation.InterventionAtParty, 0.75), (Occupation.JobSeeking, 0.10),
                (Occupation.SubsidisedEmployment, 0.10), (Occupation.Studies, 0.05)),
            ExitReason.Discontinued => _dice.Pick((Occupation.JobSeeking, 0.28), (Occupation.Other, 0.22), (Occupation.SickLeave, 0.22),
                (Occupation.Employed, 0.15), (Occupation.Unknown, 0.05), (Occupation.Studies, 0.05)),
            ExitReason.Illness => _dice.Pick((Occupation.SickLeave, 0.87), (Occupation.Other, 0.10), (Occupation.Unknown, 0.03)),
            ExitReason.MovedAway => _dice.Pick((Occupation.Unknown, 0.2), (Occupation.JobSeeking, 0.5), (Occupation.Employed, 0.3)),
            _ => _dice.Pick((Occupation.Other, 0.5), (Occupation.Unknown, 0.2), (Occupation.JobSeeking, 0.3)),
        };

        int? extent = occupation switch
        {
            Occupation.Employed => _dice.Pick((100, 0.4), (75, 0.25), (50, 0.3), (25, 0.05)),
            Occupation.SubsidisedEmployment => _dice.Pick((100, 0.4), (75, 0.3), (50, 0.3)),
            Occupation.Studies => _dice.Pick((100, 0.6), (50, 0.4)),
            Occupation.JobSeeking => 100,
            Occupation.InterventionAtParty => _dice.Pick((50, 0.4), (75, 0.3), (100, 0.3)),
            Occupation.SickLeave => _dice.Pick((100, 0.5), (75, 0.2), (50, 0.3)),
            _ => null,
        };

        IncomeSource? sickness = start.IncomeSources
            .Where(s => s is IncomeSource.SicknessBenefit or IncomeSource.SicknessCompensation or IncomeSource.ActivityCompensation)
            .Select(s => (IncomeSource?)s)
            .FirstOrDefault();
        IncomeSource[] income = occupation switch
        {
            Occupation.Employed => extent < 75 && sickness is IncomeSource.SicknessCompensation or IncomeSource.ActivityCompensation
                ? [IncomeSource.Salary, sickness.GetValueOrDefault()]
                : [IncomeSource.Salary],
            Occupation.SubsidisedEmployment => [IncomeSource.Salary],
            Occupation.Studies => _dice.Chance(0.8) ? [IncomeSource.StudentFinance] : [IncomeSource.ActivitySupport],
            Occupation.JobSeeking => _dice.Pick<IncomeSource[]>(([IncomeSource.ActivitySupport], 0.5), ([IncomeSource.UnemploymentInsurance], 0.1),
                ([IncomeSource.FinancialAssistance], 0.4)),
            Occupation.InterventionAtParty => start.IncomeSources.Count > 0 && start.Occupation != Occupation.Studies
                ? [.. start.IncomeSources]
                : [IncomeSource.ActivitySupport],
            Occupation.SickLeave => [sickness ?? IncomeSource.SicknessBenefit],
            Occupation.Other => _dice.Pick<IncomeSource[]>(([IncomeSource.FinancialAssistance], 0.5), ([IncomeSource.NoPublicSupport], 0.3), ([IncomeSource.Other], 0.2)),
            _ => [],
        };

        return new RecordExitCommand(plan.EndDate, plan.Reason, occupation, extent, income, StepAtExit(occupation, extent, start.Step));
    }

    /// <summary>Mostly at least the step at start; some fall back; a few are not recorded.</summary>
    private int? StepAtExit(Occupation occupation, int? extent, int? atStart)
    {
        if (atStart is null || occupation == Occupation.Unknown || _dice.Chance(0.015))
        {
            return null;
        }

        var step = atStart.Value;
        return occupation switch
        {
            Occupation.Employed => 5,
            Occupation.Studies => extent == 100 ? 5 : 4,
            Occupation.SubsidisedEmployment => 4,
            Occupation.InterventionAtParty => Math.Max(step, _dice.Chance(0.7) ? 3 : 2),
            Occupation.JobSeeking => Math.Max(step, _dice.Chance(0.6) ? 3 : step),
            Occupation.SickLeave => _dice.Pick((step, 0.6), (Math.Max(1, step - 1), 0.25), (Math.Min(5, step + 1), 0.15)),
            _ => _dice.Chance(0.7) ? step : Math.Min(5, step + 1),
        };
    }

    // ---- special cases -----------------------------------------------------------------------

    /// <summary>A couple of intakes that were mistakes, closed within days ("felregistrering").</summary>
    private void MarkRegisteredInError(List<DemoParticipation> participations)
    {
        var candidates = participations
            .Select((p, i) => (p, i))
            .Where(x => x.p.Exit is not null && !x.p.IsReEntry && _interventions[x.p.InterventionIndex].Mode == RegistrationMode.Identified)
            .Select(x => x.i)
            .ToList();
        for (var k = 0; k < RegisteredInError && candidates.Count > 0; k++)
        {
            var i = candidates[_dice.Between(0, candidates.Count - 1)];
            candidates.Remove(i);
            var p = participations[i];
            var start = p.Register.StartDate!.Value;
            var end = Min(start.AddDays(_dice.Between(0, 3)), _today);
            participations[i] = p with { Exit = new RecordExitCommand(end, ExitReason.RegisteredInError, null, null, [], null) };
        }
    }

    /// <summary>A few people come back to the same intervention some months after their exit.</summary>
    private List<DemoParticipation> ReEnter(List<DemoParticipation> participations)
    {
        var candidates = participations
            .Where(p => p.Exit is { ExitReason: ExitReason.Discontinued or ExitReason.Illness or ExitReason.PlannedCompletion }
                && _interventions[p.InterventionIndex].Mode == RegistrationMode.Identified
                && p.Exit.EndDate!.Value <= _today.AddDays(-90))
            .ToList();
        var reEntries = new List<DemoParticipation>();
        for (var k = 0; k < ReEntries && candidates.Count > 0; k++)
        {
            var earlier = _dice.OneOf(candidates);
            candidates.Remove(earlier);
            var intervention = _interventions[earlier.InterventionIndex];
            var earliestStart = earlier.Exit!.EndDate!.Value.AddDays(30);
            var start = StartBetween(earliestStart, Min(earliestStart.AddDays(180), _today));
            var who = Who(intervention, start, PersonalIdentityNumber.FromStored(earlier.Register.PersonalIdentityNumber!));
            var situation = StartSituation(intervention, start.Year - who.BirthYear) with { Education = earlier.Register.EducationLevel!.Value };
            var register = Register(intervention, start, situation, who);

            // Ended like any other participation once its length has passed; still open otherwise.
            RecordExitCommand? exit = null;
            var reason = ExitReasonDraw();
            var days = LengthInDays(reason, intervention.ExpectedWeeks);
            if (start.AddDays(days) <= _today)
            {
                exit = Exit(new ExitPlan(reason, WeekdayNotBefore(start.AddDays(days), start)), situation);
            }

            reEntries.Add(new DemoParticipation(earlier.InterventionIndex, register, exit, IsReEntry: true));
        }

        return reEntries;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
