using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Api.Pages.Progression;

/// <summary>
/// The coach records a progression measurement in one form: the instrument, the point, the date
/// and a score per factor as radio buttons carrying the scale's labels (arrows move between them).
/// Below, every measurement with its history; "Rätta" fills the form to correct one.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class MeasureModel : UiPage
{
    public MeasurementsResponse Measurements { get; private set; } = null!;

    public InstrumentResponse? Instrument { get; private set; }

    /// <summary>The measurement being corrected, if any.</summary>
    public MeasurementResponse? Correcting { get; private set; }

    [BindProperty]
    public MeasurementForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, string? instrument, ProgressionPoint? tidpunkt, long? ratta)
    {
        await LoadAsync(id, instrument, ratta);
        Input = Correcting is { } c
            ? new MeasurementForm
            {
                InstrumentCode = c.InstrumentCode, Point = c.Point, MeasuredOn = c.MeasuredOn,
                Scores = c.Scores.ToDictionary(s => s.FactorCode, s => (int?)s.Score),
            }
            : new MeasurementForm { InstrumentCode = Instrument?.Code, Point = tidpunkt, MeasuredOn = Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long? ratta)
    {
        await LoadAsync(id, Input.InstrumentCode, ratta);
        var command = new RecordMeasurementCommand(
            Input.InstrumentCode, Input.Point, Input.MeasuredOn,
            [.. (Instrument?.Factors ?? []).Select(f => new MeasurementScoreInput(f.Code, Input.Scores.GetValueOrDefault(f.Code)))])
        {
            ParticipationId = id,
            CorrectsId = Correcting?.Id,
        };
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm(Correcting is null ? "Mätningen är registrerad." : "Mätningen är rättad. Den tidigare finns kvar i historiken.");
        return Redirect($"/deltaganden/{id}/matningar?instrument={Instrument?.Code}");
    }

    private async Task LoadAsync(long id, string? instrument, long? correcting)
    {
        Measurements = await Sender.Send(new GetMeasurementsQuery(id), Aborted);
        Correcting = correcting is { } c ? Measurements.Measurements.FirstOrDefault(m => m.Id == c && m.CorrectedAtUtc is null) : null;
        var code = Correcting?.InstrumentCode ?? instrument;
        Instrument = Measurements.Instruments.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? Measurements.Instruments.FirstOrDefault(i => i.Code != Samordning.FollowUp.Data.StepScaleSql.Code)
            ?? (Measurements.Instruments.Count > 0 ? Measurements.Instruments[0] : null);
    }

    /// <summary>The points the form offers: the step scale's start and exit come with the intake and the exit.</summary>
    public IEnumerable<ProgressionPoint> Points => Instrument?.Code == Samordning.FollowUp.Data.StepScaleSql.Code
        ? [ProgressionPoint.Interim]
        : Enum.GetValues<ProgressionPoint>();

    public sealed class MeasurementForm
    {
        public string? InstrumentCode { get; set; }

        public ProgressionPoint? Point { get; set; }

        public DateOnly? MeasuredOn { get; set; }

        public Dictionary<string, int?> Scores { get; set; } = [];
    }
}
