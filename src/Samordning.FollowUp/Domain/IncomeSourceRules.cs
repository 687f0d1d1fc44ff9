namespace Samordning.FollowUp.Domain;

/// <summary>
/// Income sources that cannot hold for one person at the same time (domain.md §4): "no public
/// support" beside a public benefit, and activity compensation (aktivitetsersättning, up to the age
/// of 29) beside sickness compensation (sjukersättning, from 30), which are the one benefit under
/// two names by age. Salary and "other" go with anything; sickness benefit beside part-time
/// sickness compensation is possible and allowed.
/// </summary>
public static class IncomeSourceRules
{
    /// <summary>The public benefits among the income sources: they contradict "no public support".</summary>
    public static readonly IReadOnlyList<IncomeSource> PublicSupport =
    [
        IncomeSource.SicknessBenefit,
        IncomeSource.ActivityCompensation,
        IncomeSource.SicknessCompensation,
        IncomeSource.FinancialAssistance,
        IncomeSource.ActivitySupport,
        IncomeSource.UnemploymentInsurance,
        IncomeSource.StudentFinance,
    ];

    /// <summary>The pairs that contradict each other, the first of each pair the one the message names first.</summary>
    public static IEnumerable<(IncomeSource First, IncomeSource Second)> Contradictions(IEnumerable<IncomeSource>? sources)
    {
        var set = sources?.ToHashSet() ?? [];
        if (set.Contains(IncomeSource.NoPublicSupport))
        {
            foreach (var benefit in PublicSupport.Where(set.Contains))
            {
                yield return (IncomeSource.NoPublicSupport, benefit);
            }
        }

        if (set.Contains(IncomeSource.ActivityCompensation) && set.Contains(IncomeSource.SicknessCompensation))
        {
            yield return (IncomeSource.ActivityCompensation, IncomeSource.SicknessCompensation);
        }
    }
}
