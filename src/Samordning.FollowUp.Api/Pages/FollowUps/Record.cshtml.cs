using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Api.Pages.FollowUps;

/// <summary>
/// The 12-month follow-up as the coach makes the call: who (masked personnummer, birth year,
/// the whole number one audited click away), the tries so far and a new one, then the result.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class RecordModel : UiPage
{
    private string _formPrefix = nameof(Input);

    public FollowUpResponse FollowUp { get; private set; } = null!;

    public ContactAttemptsResponse Attempts { get; private set; } = null!;

    /// <summary>The whole personnummer, only after the coach asked for it (a POST, audited by the handler).</summary>
    public string? ShownIdentity { get; private set; }

    [BindProperty]
    public FollowUpForm Input { get; set; } = new();

    [BindProperty]
    public AttemptForm Attempt { get; set; } = new();

    public bool IsCorrection => FollowUp.Result is not null;

    protected override string FormPrefix => _formPrefix;

    public async Task OnGetAsync(long id)
    {
        await LoadAsync(id);
        Input = FollowUp.Result is { } r
            ? new FollowUpForm { Outcome = r.Outcome, ContactedOn = r.ContactedOn, Occupation = r.Occupation, ExtentPercent = r.ExtentPercent, IncomeSources = [.. r.IncomeSources] }
            : new FollowUpForm { ContactedOn = Today };
        Attempt = new AttemptForm { AttemptedOn = Today };
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        await LoadAsync(id);
        Attempt = new AttemptForm { AttemptedOn = Today };
        var command = new RecordFollowUpResultCommand(Input.Outcome, Input.ContactedOn, Input.Occupation, Input.ExtentPercent, Input.IncomeSources)
        {
            FollowUpId = id,
            IsCorrection = IsCorrection,
        };
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm(IsCorrection ? "Uppföljningen är rättad." : $"Uppföljningen av {FollowUp.Reference} är registrerad.");
        return Redirect("/att-gora");
    }

    [HandlerName("Kontaktforsok")]
    public async Task<IActionResult> OnPostAttemptAsync(long id)
    {
        _formPrefix = nameof(Attempt);
        var (ok, _) = await TrySendAsync(new RecordContactAttemptCommand(Attempt.AttemptedOn, Attempt.Outcome) { FollowUpId = id });
        await LoadAsync(id);
        if (!ok)
        {
            Input = new FollowUpForm { ContactedOn = Today };
            return Page();
        }

        Confirm($"Kontaktförsöket den {SwedishFormat.Date(Attempt.AttemptedOn!.Value)} är registrerat: {SwedishFormat.Label(Attempt.Outcome!.Value).ToLower(SwedishFormat.Culture)}.");
        return Redirect($"/uppfoljningar/{id}#kontaktforsok");
    }

    [HandlerName("VisaPersonnummer")]
    public async Task<IActionResult> OnPostShowIdentityAsync(long id)
    {
        await LoadAsync(id);
        if (FollowUp.PersonalIdentityNumber is not null)
        {
            ShownIdentity = (await Sender.Send(new ReadIdentityQuery(FollowUp.ParticipationId), Aborted)).PersonalIdentityNumber;
        }

        Input = new FollowUpForm { ContactedOn = Today };
        Attempt = new AttemptForm { AttemptedOn = Today };
        return Page();
    }

    private async Task LoadAsync(long id)
    {
        FollowUp = await Sender.Send(new GetFollowUpQuery(id), Aborted);
        Attempts = await Sender.Send(new ListContactAttemptsQuery(id), Aborted);
        History = await Sender.Send(new ListFollowUpResultHistoryQuery(id), Aborted);
    }

    /// <summary>Results a correction replaced, newest first (the person's own answer among them).</summary>
    public IReadOnlyList<FollowUpResultRevisionResponse> History { get; private set; } = [];

    public sealed class FollowUpForm
    {
        public FollowUpOutcome? Outcome { get; set; }

        public DateOnly? ContactedOn { get; set; }

        public Occupation? Occupation { get; set; }

        public int? ExtentPercent { get; set; }

        public List<IncomeSource> IncomeSources { get; set; } = [];
    }

    public sealed class AttemptForm
    {
        public DateOnly? AttemptedOn { get; set; }

        public ContactAttemptOutcome? Outcome { get; set; }
    }
}
