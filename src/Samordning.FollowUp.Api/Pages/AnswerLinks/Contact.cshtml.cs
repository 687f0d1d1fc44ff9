using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.AnswerLinks;

namespace Samordning.FollowUp.Api.Pages.AnswerLinks;

/// <summary>
/// The coach records or corrects whether the person agrees to be contacted for the 12-month
/// follow-up (a one-time link by SMS or e-mail), and how. Shown masked; "Visa kontaktuppgifter" is audited.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ContactModel : UiPage
{
    public FollowUpContactResponse Contact { get; private set; } = null!;

    /// <summary>The contact in clear, only after the coach asked for it (a POST, audited by the handler).</summary>
    public FollowUpContactResponse? Shown { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public async Task OnGetAsync(long id)
    {
        await LoadAsync(id);
        Input = new ContactForm { Consent = Contact.Consent };
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var consent = Input.Consent == true;
        var (ok, _) = await TrySendAsync(new SetFollowUpContactCommand(Input.Consent, consent ? Input.Mobile : null, consent ? Input.Email : null)
        {
            ParticipationId = id,
        });
        if (!ok)
        {
            await LoadAsync(id);
            return Page();
        }

        Confirm(consent
            ? "Kontaktuppgifterna för uppföljningen är sparade. Personen får en länk när uppföljningen ska göras."
            : "Personen får ingen länk till uppföljningen. Kontaktuppgifterna är borttagna.");
        return Redirect($"/deltaganden/{id}");
    }

    [HandlerName("VisaKontakt")]
    public async Task<IActionResult> OnPostShowAsync(long id)
    {
        await LoadAsync(id);
        Shown = await Sender.Send(new ReadFollowUpContactQuery(id), Aborted);
        Input = new ContactForm { Consent = Contact.Consent };
        return Page();
    }

    private async Task LoadAsync(long id)
    {
        Contact = await Sender.Send(new GetFollowUpContactQuery(id), Aborted);
        Reference = SwedishFormat.Reference(id);
    }

    public sealed class ContactForm
    {
        public bool? Consent { get; set; }

        public string? Mobile { get; set; }

        public string? Email { get; set; }

        /// <summary>Never shows what was typed.</summary>
        public override string ToString() => nameof(ContactForm);
    }
}
