using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Api.Pages.Progression;

/// <summary>
/// A draft instrument: a new code (version 1) or, with ?kod=LIV, the next version of one.
/// "Förhandsgranska" shows what the draft's rule would give over the measurements already taken,
/// for the past eight tertials, without saving; "Spara" saves it. Factors are written one per line.
/// </summary>
internal sealed class InstrumentDraftModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? RevisedCode { get; set; }

    [BindProperty]
    public InstrumentForm Input { get; set; } = new();

    public InstrumentResponse? Current { get; private set; }

    public IndicatorPreviewResponse? Preview { get; private set; }

    public IReadOnlyList<InterventionResponse> Interventions { get; private set; } = [];

    public bool IsRevision => !string.IsNullOrWhiteSpace(RevisedCode);

    public string Heading => IsRevision ? $"Ny version av {Current?.Code ?? RevisedCode}" : "Nytt instrument";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Input = Current is { } c ? InstrumentForm.From(c, Today) : InstrumentForm.Defaults(Today);
        return Page();
    }

    [HandlerName("Forhandsgranska")]
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        if (TryReadDecimal(Input.TargetPercent, nameof(InstrumentForm.TargetPercent), out var target)
            && TryReadDecimal(Input.MinMeanImprovement, nameof(InstrumentForm.MinMeanImprovement), out var mean) && ModelState.IsValid)
        {
            (_, Preview) = await TrySendAsync(new PreviewInstrumentCommand(Input.ToDraft(target, mean))
            {
                AssociationId = AssociationId,
                Code = (IsRevision ? RevisedCode : Input.Code)?.Trim() ?? string.Empty,
            });
        }

        return Page();
    }

    [HandlerName("Spara")]
    public async Task<IActionResult> OnPostSaveAsync()
    {
        await LoadAsync();
        if (TryReadDecimal(Input.TargetPercent, nameof(InstrumentForm.TargetPercent), out var target)
            && TryReadDecimal(Input.MinMeanImprovement, nameof(InstrumentForm.MinMeanImprovement), out var mean) && ModelState.IsValid)
        {
            var draft = Input.ToDraft(target, mean);
            var (ok, saved) = IsRevision
                ? await TrySendAsync(new ReviseInstrumentCommand(draft) { AssociationId = AssociationId, Code = RevisedCode!.Trim() })
                : await TrySendAsync(new CreateInstrumentCommand(draft) { AssociationId = AssociationId, Code = Input.Code?.Trim() });
            if (ok)
            {
                Confirm($"{saved!.Code} version {saved.Version} är sparad och gäller från {SwedishFormat.Date(saved.ValidFrom)}.");
                return Redirect("/kansli/progression");
            }
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        Interventions = [.. (await Sender.Send(new ListInterventionsQuery(AssociationId, null), Aborted))
            .Where(i => i.RegistrationMode != RegistrationMode.CountOnly)];
        if (!IsRevision)
        {
            return;
        }

        Current = (await Sender.Send(new ListInstrumentsQuery(AssociationId), Aborted))
            .Where(i => string.Equals(i.Code, RevisedCode!.Trim(), StringComparison.OrdinalIgnoreCase))
            .MaxBy(i => i.Version)
            ?? throw new NotFoundException("Instrumentet finns inte i förbundet.");
    }

    public sealed class InstrumentForm
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        /// <summary>One factor a line: "KOD; Benämning; högre eller lägre; beskrivning".</summary>
        public string? Factors { get; set; }

        public int? ScaleMin { get; set; }

        public int? ScaleMax { get; set; }

        /// <summary>One label a line, from the lowest value up.</summary>
        public string? ScaleLabels { get; set; }

        public List<long> InterventionIds { get; set; } = [];

        public bool AtStart { get; set; }

        public int? EveryWeeks { get; set; }

        public bool AtExit { get; set; }

        public int? ToleranceDays { get; set; }

        public ProgressionRule? Rule { get; set; }

        public string? MinMeanImprovement { get; set; }

        public int? MinFactorsImproved { get; set; }

        public string? RuleFactorCode { get; set; }

        public string? TargetPercent { get; set; }

        public DateOnly? ValidFrom { get; set; }

        private static IEnumerable<string> Lines(string? text) =>
            (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

        public InstrumentDraft ToDraft(decimal? targetPercent, decimal? minMean) => new()
        {
            Name = Name,
            Factors = [.. Lines(Factors).Select(line =>
            {
                var parts = line.Split(';').Select(p => p.Trim()).ToArray();
                string? Part(int i) => parts.Length > i && parts[i].Length > 0 ? parts[i] : null;
                return new InstrumentFactorInput(Part(0), Part(1), Part(3),
                    Part(2)?.StartsWith("l", StringComparison.OrdinalIgnoreCase) == true ? FactorDirection.LowerIsBetter : FactorDirection.HigherIsBetter);
            })],
            ScaleMin = ScaleMin,
            ScaleMax = ScaleMax,
            ScaleLabels = [.. Lines(ScaleLabels).Select((label, i) => new InstrumentScaleLabel((ScaleMin ?? 0) + i, label))],
            InterventionIds = InterventionIds,
            AtStart = AtStart,
            EveryWeeks = EveryWeeks,
            AtExit = AtExit,
            ToleranceDays = ToleranceDays,
            Rule = Rule,
            MinMeanImprovement = minMean is { } m ? (double)m : null,
            MinFactorsImproved = MinFactorsImproved,
            RuleFactorCode = RuleFactorCode?.Trim(),
            TargetPercent = targetPercent,
            ValidFrom = ValidFrom,
        };

        public static InstrumentForm Defaults(DateOnly today) => new()
        {
            ScaleMin = 1, ScaleMax = 5, AtStart = true, AtExit = true, ToleranceDays = 14, Rule = ProgressionRule.FactorsImproved, ValidFrom = today,
        };

        /// <summary>The current version as the starting point of the next one, valid from today at the earliest.</summary>
        public static InstrumentForm From(InstrumentResponse i, DateOnly today) => new()
        {
            Code = i.Code,
            Name = i.Name,
            Factors = string.Join('\n', i.Factors.Select(f =>
                $"{f.Code}; {f.Label}; {(f.Direction == FactorDirection.LowerIsBetter ? "lägre" : "högre")}; {f.Description}".TrimEnd(' ', ';'))),
            ScaleMin = i.ScaleMin,
            ScaleMax = i.ScaleMax,
            ScaleLabels = string.Join('\n', i.ScaleLabels.Select(l => l.Label)),
            InterventionIds = [.. i.InterventionIds],
            AtStart = i.AtStart,
            EveryWeeks = i.EveryWeeks,
            AtExit = i.AtExit,
            ToleranceDays = i.ToleranceDays,
            Rule = i.Rule,
            MinMeanImprovement = i.MinMeanImprovement is { } m ? SwedishFormat.Field((decimal)m) : null,
            MinFactorsImproved = i.MinFactorsImproved,
            RuleFactorCode = i.RuleFactorCode,
            TargetPercent = SwedishFormat.Field(i.TargetPercent),
            ValidFrom = i.ValidFrom > today ? i.ValidFrom : today,
        };
    }
}
