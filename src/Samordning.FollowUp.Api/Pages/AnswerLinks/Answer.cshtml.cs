using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.AnswerLinks;

namespace Samordning.FollowUp.Api.Pages.AnswerLinks;

/// <summary>
/// The former participant's page, opened from the invitation's link: a few questions in plain
/// Swedish, no sign-in, no script. The token travels in the query string (the logs redact
/// <c>token</c>) and then in the form; the page never shows who the person is.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AnswerLinkSetup.RateLimit)]
internal sealed class AnswerModel(SelfReport selfReport) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public AnswerForm Input { get; set; } = new();

    public AnswerLinkView View { get; private set; } = new(AnswerLinkStatus.Unknown);

    public async Task OnGetAsync() => View = await selfReport.OpenAsync(Token, HttpContext.RequestAborted);

    public async Task OnPostAsync()
    {
        // A value the form could not read (a tampered code) is simply not an answer: the checks below say what is missing.
        ModelState.Clear();
        View = await selfReport.SubmitAsync(Token, new SelfReportAnswer(
            Input.WantsCall, Input.Occupation, Input.ExtentPercent, Input.IncomeSources), HttpContext.RequestAborted);
    }

    public string? Error(string field) => View.Errors.TryGetValue(field, out var message) ? message : null;

    /// <summary>The answers as the form posts them.</summary>
    public sealed class AnswerForm
    {
        public bool? WantsCall { get; set; }

        public Occupation? Occupation { get; set; }

        public int? ExtentPercent { get; set; }

        public List<IncomeSource> IncomeSources { get; set; } = [];
    }

    /// <summary>The questions' answers in plain Swedish (lättläst), mapped to the follow-up's code lists.</summary>
    public static readonly IReadOnlyList<(Occupation Value, string Text)> Occupations =
    [
        (Occupation.Employed, "Jag har ett arbete"),
        (Occupation.SubsidisedEmployment, "Jag har ett arbete med stöd, till exempel lönebidrag eller nystartsjobb"),
        (Occupation.Studies, "Jag studerar"),
        (Occupation.JobSeeking, "Jag söker arbete"),
        (Occupation.InterventionAtParty, "Jag är med i en insats hos Arbetsförmedlingen, Försäkringskassan, kommunen eller regionen"),
        (Occupation.SickLeave, "Jag är sjukskriven"),
        (Occupation.Other, "Något annat"),
    ];

    public static readonly IReadOnlyList<(int Value, string Text)> Extents =
    [
        (100, "Heltid"),
        (75, "Mer än halvtid"),
        (50, "Halvtid"),
        (25, "Mindre än halvtid"),
    ];

    public static readonly IReadOnlyList<(IncomeSource Value, string Text)> IncomeSourceChoices =
    [
        (IncomeSource.Salary, "Lön"),
        (IncomeSource.SicknessBenefit, "Sjukpenning"),
        (IncomeSource.ActivityCompensation, "Aktivitetsersättning"),
        (IncomeSource.SicknessCompensation, "Sjukersättning"),
        (IncomeSource.FinancialAssistance, "Ekonomiskt bistånd (försörjningsstöd)"),
        (IncomeSource.ActivitySupport, "Aktivitetsstöd eller etableringsersättning"),
        (IncomeSource.UnemploymentInsurance, "A-kassa"),
        (IncomeSource.StudentFinance, "Studiemedel (CSN)"),
        (IncomeSource.NoPublicSupport, "Inga pengar från Försäkringskassan, Arbetsförmedlingen eller kommunen"),
        (IncomeSource.Other, "Något annat"),
    ];
}
