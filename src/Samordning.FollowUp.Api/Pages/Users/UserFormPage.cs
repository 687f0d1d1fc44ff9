using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>
/// What the user forms share: the office picks a provider of its association from a list, the
/// system administrator (who reads no association's providers) types the numbers; a refusal of
/// the role ("the office cannot create administrators") is shown on the role field.
/// </summary>
internal abstract class UserFormPage : OfficePage
{
    public bool IsSystemAdmin => Caller.Is(UserRole.SystemAdmin);

    public IReadOnlyList<ProviderResponse> Providers { get; private set; } = [];

    public IEnumerable<SelectListItem> ProviderOptions =>
        new[] { new SelectListItem("Ingen utförare", string.Empty) }
            .Concat(Providers.Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture))));

    public static IEnumerable<SelectListItem> RoleOptions() => CodeOptions.Of<UserRole>();

    protected override bool Admits(Caller caller) =>
        caller.Is(UserRole.AssociationAdmin) || caller.Is(UserRole.SystemAdmin);

    protected async Task LoadProvidersAsync()
    {
        if (!IsSystemAdmin)
        {
            Providers = await Sender.Send(new ListProvidersQuery(AssociationId), Aborted);
        }
    }

    /// <summary>The office's users belong to its association; the administrator says which.</summary>
    protected long? AssociationFor(long? typed) => IsSystemAdmin ? typed : AssociationId;

    /// <summary>Like TrySendAsync, and the handler's "not allowed to give that role" lands on the role field.</summary>
    protected async Task<(bool Ok, TResponse? Response)> TrySendUserAsync<TResponse>(ICommand<TResponse> command)
    {
        try
        {
            return await TrySendAsync(command);
        }
        catch (ForbiddenException e)
        {
            AddError("role", e.Message);
            return (false, default);
        }
    }
}
