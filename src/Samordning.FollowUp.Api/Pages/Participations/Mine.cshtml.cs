using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>
/// "Mina deltagare": every participation of the coach's provider across its interventions,
/// filtered and paged by the database, and the same list as Excel or CSV for the provider's own
/// use (personnummer masked unless the coach ticks the audited choice of whole numbers).
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class MineModel : UiPage
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "insats")]
    public long? InterventionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "startad-fran")]
    public DateOnly? StartedFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "startad-till")]
    public DateOnly? StartedTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "avslutad-fran")]
    public DateOnly? EndedFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "avslutad-till")]
    public DateOnly? EndedTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "uppfoljning")]
    public string? FollowUpStatus { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The explicit, audited choice of whole personnummer in the file.</summary>
    [BindProperty(Name = "hela-personnummer")]
    public bool FullIdentity { get; set; }

    [BindProperty(Name = "format")]
    public string? Format { get; set; }

    public IReadOnlyList<InterventionResponse> Interventions { get; private set; } = [];

    public PagedResponse<ProviderParticipationResponse>? Participations { get; private set; }

    public int PageCount => Participations is null ? 1 : Math.Max(1, (Participations.TotalCount + PageSize - 1) / PageSize);

    protected override string FormPrefix => string.Empty;

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses = [("all", "Alla"), ("active", "Pågående"), ("ended", "Avslutade")];

    public static IEnumerable<(string Value, string Label)> FollowUpChoices() =>
        [(ParticipantListFilter.NoFollowUp, "Ingen uppföljning"),
            .. Enum.GetValues<Domain.FollowUpStatus>().Select(s => (s.ToString(), SwedishFormat.Label(s)))];

    private ParticipantListFilter Filter => new(Status, InterventionId, StartedFrom, StartedTo, EndedFrom, EndedTo, FollowUpStatus);

    public async Task OnGetAsync()
    {
        await LoadInterventionsAsync();
        Status = Status is "active" or "ended" ? Status : "all";
        FollowUpStatus = string.IsNullOrEmpty(FollowUpStatus) ? null : FollowUpStatus;
        PageNumber = Math.Max(1, PageNumber);
        var (ok, page) = await TrySendAsync(new ListProviderParticipationsQuery(Filter, PageNumber, PageSize));
        Participations = ok ? page : null;
    }

    [HandlerName("Exportera")]
    public async Task<IActionResult> OnPostExportAsync()
    {
        FollowUpStatus = string.IsNullOrEmpty(FollowUpStatus) ? null : FollowUpStatus;
        var format = Format == "csv" ? ParticipantListFormat.Csv : ParticipantListFormat.Xlsx;
        var (ok, file) = await TrySendAsync(new ExportProviderParticipationsQuery(Filter, format, FullIdentity));
        if (!ok)
        {
            await LoadInterventionsAsync();
            return Page();
        }

        return File(file!.Content, file.ContentType, file.FileName);
    }

    /// <summary>The address of another page of the same list.</summary>
    public string PageLink(int page)
    {
        var query = QueryString.Empty;
        void Add(string name, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                query = query.Add(name, text);
            }
        }

        Add("status", Status);
        Add("insats", InterventionId);
        Add("startad-fran", StartedFrom is { } a ? SwedishFormat.Date(a) : null);
        Add("startad-till", StartedTo is { } b ? SwedishFormat.Date(b) : null);
        Add("avslutad-fran", EndedFrom is { } c ? SwedishFormat.Date(c) : null);
        Add("avslutad-till", EndedTo is { } d ? SwedishFormat.Date(d) : null);
        Add("uppfoljning", FollowUpStatus);
        Add("sida", page);
        return "/deltagare" + query.ToUriComponent();
    }

    private async Task LoadInterventionsAsync()
    {
        Interventions = Caller.AssociationId is { } associationId
            ? [.. (await Sender.Send(new ListInterventionsQuery(associationId, Caller.ProviderId), Aborted))
                .Where(i => i.RegistrationMode != RegistrationMode.CountOnly)]
            : [];
    }
}
