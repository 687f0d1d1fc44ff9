using System.ComponentModel.DataAnnotations;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// An indicator against its target, judged on the total: one set of words, used by the page, the
/// files, the e-mail and the restatement (<see cref="Files.ReportText.Judgement"/> adds the symbol,
/// so the judgement is never told by colour alone).
/// </summary>
public enum IndicatorStatus
{
    [Display(Name = "uppfyllt")] Met,
    [Display(Name = "ej uppfyllt")] NotMet,

    /// <summary>Too few exits to judge (below the association's small-number threshold).</summary>
    [Display(Name = "för få")] TooFew,
}

/// <summary>The judgement of an indicator's total: too few exits, else met or not met on the exact fraction.</summary>
public static class IndicatorJudgement
{
    public static IndicatorStatus Of(IndicatorFigure total)
    {
        ArgumentNullException.ThrowIfNull(total);
        return total.TooFew ? IndicatorStatus.TooFew : total.Met == true ? IndicatorStatus.Met : IndicatorStatus.NotMet;
    }
}
