using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Pages.Reports;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Api.Pages.TertialCycle;

/// <summary>
/// The coach's page of the tertial cycle, for the signed-in coach's own provider only: the report's
/// state and history, the checklist (the report's data quality), a self-assessment per intervention
/// and the attestation. Without a tertial in the address: the most recent ended one.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ProviderModel : UiPage
{
    private const string AdoptedMessage = "Tertialen är fastställd och kan inte längre ändras.";

    private string _formPrefix = "Input";

    public ProviderTertialReportResponse Report { get; private set; } = null!;

    public IReadOnlyList<ProviderTertialNoteResponse> Notes { get; private set; } = [];

    public int Year { get; private set; }

    public int Tertial { get; private set; }

    /// <summary>The intervention whose note form was posted and refused: its fields show what was sent and its errors.</summary>
    public long? PostedNoteFor { get; private set; }

    [BindProperty]
    public AttestForm Input { get; set; } = new();

    [BindProperty]
    public NoteForm Note { get; set; } = new();

    public bool HasEnded => Tertials.End(Year, Tertial) < Today;

    public bool CanWriteNotes => !Report.TertialAdopted;

    public bool CanAttest => Report.State == TertialReportState.Open && !Report.TertialAdopted && HasEnded;

    /// <summary>The figures being attested, shown in the confirm step (null outside it).</summary>
    public AttestedFigures? Figures { get; private set; }

    public bool Confirming => Figures is not null;

    public string Address => $"/tertialrapportering/{Year}/{Tertial}";

    /// <summary>The office's remark when the last step sent the report back.</summary>
    public string? ReturnRemark => Report.State == TertialReportState.Open && Report.History.Count > 0
        && Report.History[^1] is { From: TertialReportState.Attested, To: TertialReportState.Open } last ? last.Remark ?? string.Empty : null;

    protected override string FormPrefix => _formPrefix;

    public async Task OnGetAsync(int? ar, int? tertial, [FromQuery(Name = "steg")] string? step)
    {
        await LoadAsync(ar, tertial);
        if (string.Equals(step, ConfirmStep, StringComparison.Ordinal) && CanAttest)
        {
            await LoadFiguresAsync();
        }
    }

    public const string ConfirmStep = "bekrafta";

    private async Task LoadFiguresAsync() =>
        Figures = await Sender.Send(new GetTertialAttestationFiguresQuery(Report.ProviderId, Year, Tertial), Aborted);

    [HandlerName("Kommentar")]
    public async Task<IActionResult> OnPostNoteAsync(int? ar, int? tertial, [FromForm(Name = "insats")] long interventionId)
    {
        await LoadAsync(ar, tertial);
        _formPrefix = "Note";
        var command = new SetTertialNoteCommand(Note.ReferralFlowAndQueue, Note.WhatWorked, Note.DeviationsAndRisks, Note.SoftValues)
        {
            InterventionId = interventionId, Year = Year, Tertial = Tertial,
        };
        var (ok, _) = Report.TertialAdopted
            ? Refuse(AdoptedMessage)
            : await TrySendAsync(command);
        if (!ok)
        {
            PostedNoteFor = interventionId;
            return Page();
        }

        var name = Notes.FirstOrDefault(n => n.InterventionId == interventionId)?.InterventionName;
        Confirm(name is null ? "Kommentaren är sparad." : $"Kommentaren för {name} är sparad.");
        return Redirect(Address);
    }

    [HandlerName("Intyga")]
    public async Task<IActionResult> OnPostAttestAsync(int? ar, int? tertial)
    {
        await LoadAsync(ar, tertial);
        var reason = string.IsNullOrWhiteSpace(Input.Reason) ? null : Input.Reason;
        var (ok, _) = await TrySendAsync(new AttestTertialReportCommand(reason)
        {
            ProviderId = Report.ProviderId, Year = Year, Tertial = Tertial,
        });
        if (!ok)
        {
            // Refused (a reason is missing): the confirm step again, its message at the field.
            if (CanAttest)
            {
                await LoadFiguresAsync();
            }

            return Page();
        }

        Confirm($"Tertialen T{Tertial} {Year} är intygad. Förbundets kansli granskar rapporten.");
        return Redirect(Address);
    }

    private (bool, TertialNoteResponse?) Refuse(string message)
    {
        AddError(string.Empty, message);
        return (false, null);
    }

    private async Task LoadAsync(int? ar, int? tertial)
    {
        var providerId = Caller.ProviderId ?? throw new NotFoundException(NotFoundMessages.Provider);
        (Year, Tertial) = ar is { } y && tertial is { } t ? (y, t) : TertialChoice.MostRecentEnded(Today);
        if (ar is not null && tertial is null)
        {
            Year = ar.Value;
            Tertial = Year == TertialChoice.MostRecentEnded(Today).Year ? TertialChoice.MostRecentEnded(Today).Tertial : 3;
        }

        if (Year is < 2000 or > 2100 || Tertial is < 1 or > 3)
        {
            throw new NotFoundException("Tertialen finns inte.");
        }

        Report = await Sender.Send(new GetProviderTertialReportQuery(providerId, Year, Tertial), Aborted);
        Notes = await Sender.Send(new ListProviderTertialNotesQuery(providerId, Year, Tertial), Aborted);
    }

    public sealed class AttestForm
    {
        public string? Reason { get; set; }
    }

    public sealed class NoteForm
    {
        public string? ReferralFlowAndQueue { get; set; }

        public string? WhatWorked { get; set; }

        public string? DeviationsAndRisks { get; set; }

        public string? SoftValues { get; set; }
    }
}
