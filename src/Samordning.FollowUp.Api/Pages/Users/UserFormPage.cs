using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>
/// What the user forms share: association and provider chosen by name from lists (the office sees
/// its own association's providers; the administrator every association's, grouped by association);
/// a refusal of the role ("the office cannot create administrators") is shown on the role field.
/// </summary>
internal abstract class UserFormPage : OfficePage
{
    public bool IsSystemAdmin => Caller.Is(UserRole.SystemAdmin);

    public IReadOnlyList<ProviderChoice> Providers { get; private set; } = [];

    public IReadOnlyList<AssociationName> Associations { get; private set; } = [];

    public IEnumerable<SelectListItem> ProviderOptions
    {
        get
        {
            yield return new SelectListItem("Ingen utförare", string.Empty);
            var groups = new Dictionary<long, SelectListGroup>();
            foreach (var provider in Providers)
            {
                var text = provider.IsActive ? provider.Name : $"{provider.Name} (inaktiv)";
                var item = new SelectListItem(text, provider.Id.ToString(CultureInfo.InvariantCulture));
                if (IsSystemAdmin)
                {
                    item.Group = groups.TryGetValue(provider.AssociationId, out var group)
                        ? group
                        : groups[provider.AssociationId] = new SelectListGroup { Name = provider.AssociationName };
                }

                yield return item;
            }
        }
    }

    public IEnumerable<SelectListItem> AssociationOptions =>
        new[] { new SelectListItem("Inget förbund (systemadministratör)", string.Empty) }
            .Concat(Associations.Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))));

    public static IEnumerable<SelectListItem> RoleOptions() => CodeOptions.Of<UserRole>();

    protected override bool Admits(Caller caller) =>
        caller.Is(UserRole.AssociationAdmin) || caller.Is(UserRole.SystemAdmin);

    protected async Task LoadProvidersAsync()
    {
        Providers = await Sender.Send(new ListProviderChoicesQuery(), Aborted);
        if (IsSystemAdmin)
        {
            Associations = [.. (await Sender.Send(new ListAssociationsQuery(), Aborted))
                .OrderBy(a => a.Name, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false))];
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
