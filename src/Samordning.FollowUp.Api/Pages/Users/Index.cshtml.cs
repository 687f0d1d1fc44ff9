using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>
/// Users and their roles: the office sees its association's, the system administrator every
/// user with a filter per association (what the list handler lets each see).
/// </summary>
internal sealed class IndexModel : OfficePage
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "roll")]
    public UserRole? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "forbund")]
    public long? Association { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public PagedResponse<UserResponse> Users { get; private set; } = new([], 1, PageSize, 0);

    public bool IsSystemAdmin => Caller.Is(UserRole.SystemAdmin);

    public int PageCount => Math.Max(1, (Users.TotalCount + PageSize - 1) / PageSize);

    protected override bool Admits(Caller caller) =>
        caller.Is(UserRole.AssociationAdmin) || caller.Is(UserRole.SystemAdmin);

    public async Task OnGetAsync()
    {
        Users = await Sender.Send(new ListUsersQuery(Role, IsSystemAdmin ? Association : null, Math.Max(1, PageNumber), PageSize), Aborted);
        if (IsSystemAdmin)
        {
            await LoadAssociationChoicesAsync();
        }
    }

    public static IEnumerable<SelectListItem> RoleOptions() =>
        new[] { new SelectListItem("Alla roller", string.Empty) }.Concat(CodeOptions.Of<UserRole>(withEmpty: false));

    public string PageLink(int page)
    {
        var query = new List<string>();
        if (Role is { } role)
        {
            query.Add($"roll={role}");
        }

        if (IsSystemAdmin && Association is { } association)
        {
            query.Add($"forbund={association.ToString(CultureInfo.InvariantCulture)}");
        }

        query.Add($"sida={page.ToString(CultureInfo.InvariantCulture)}");
        return "/kansli/anvandare?" + string.Join('&', query);
    }
}
