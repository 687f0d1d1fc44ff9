using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Audit;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Audit;

/// <summary>
/// "Logg över åtgärder": the audit log as the list handler lets the caller read it (the office its
/// association's lines, the administrator all, with a filter per association), filtered and paged
/// by the database, and the same lines as CSV (GET /api/v1/audit/export with the same filter).
/// </summary>
internal sealed class IndexModel : OfficePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "atgard")]
    public AuditAction? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "anvandare")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "typ")]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true, Name = "forbund")]
    public long? Association { get; set; }

    [BindProperty(SupportsGet = true, Name = "fran")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "till")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public PagedResponse<AuditEntryResponse>? Lines { get; private set; }

    public bool IsSystemAdmin => Caller.Is(UserRole.SystemAdmin);

    public IReadOnlyList<SelectListItem> UserOptions { get; private set; } = [];

    public int PageCount => Lines is null ? 1 : Math.Max(1, (Lines.TotalCount + PageSize - 1) / PageSize);

    protected override string FormPrefix => string.Empty;

    protected override bool Admits(Caller caller) =>
        caller.Is(UserRole.AssociationAdmin) || caller.Is(UserRole.SystemAdmin);

    public static IEnumerable<SelectListItem> ActionOptions() =>
        new[] { new SelectListItem("Alla åtgärder", string.Empty) }.Concat(CodeOptions.Of<AuditAction>(withEmpty: false));

    public static IEnumerable<SelectListItem> EntityTypeOptions() =>
        new[] { new SelectListItem("Alla typer", string.Empty) }.Concat(AuditLog.EntityTypes.Select(e => new SelectListItem(e.Label, e.Type)));

    private AuditEntryFilter Filter => new(Action, NullIfEmpty(UserId), NullIfEmpty(EntityType), null, IsSystemAdmin ? Association : null, From, To);

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        if (IsSystemAdmin)
        {
            await LoadAssociationChoicesAsync();
        }

        var users = await Sender.Send(new ListUsersQuery(null, IsSystemAdmin ? Association : null, 1, Paging.MaxPageSize), Aborted);
        UserOptions =
        [
            new SelectListItem("Alla användare", string.Empty),
            .. users.Items.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
                .Select(u => new SelectListItem($"{u.DisplayName} ({u.Email})", u.Id)),
        ];
        var (ok, lines) = await TrySendAsync(new ListAuditEntriesQuery(Filter, PageNumber, PageSize));
        Lines = ok ? lines : null;
    }

    public string AssociationName(long? id) => id switch
    {
        null => "–",
        { } a when AssociationNames.TryGetValue(a, out var name) => name,
        { } a => a.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Another page of the same lines (Swedish query names).</summary>
    public string PageLink(int page) => "/kansli/logg" + Query(("atgard", Action?.ToString()), ("anvandare", UserId), ("typ", EntityType),
        ("forbund", IsSystemAdmin ? Association?.ToString(CultureInfo.InvariantCulture) : null),
        ("fran", From is { } f ? SwedishFormat.Date(f) : null), ("till", To is { } t ? SwedishFormat.Date(t) : null),
        ("sida", page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The CSV of the same filter: the API's export, which the UI's cookie may call.</summary>
    public string CsvLink => "/api/v1/audit/export" + Query(("action", Action?.ToString()), ("userId", UserId), ("entityType", EntityType),
        ("associationId", IsSystemAdmin ? Association?.ToString(CultureInfo.InvariantCulture) : null),
        ("from", From is { } f ? SwedishFormat.Date(f) : null), ("to", To is { } t ? SwedishFormat.Date(t) : null));

    private static string Query(params (string Name, string? Value)[] parts)
    {
        var query = QueryString.Empty;
        foreach (var (name, value) in parts)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query = query.Add(name, value);
            }
        }

        return query.ToUriComponent();
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
