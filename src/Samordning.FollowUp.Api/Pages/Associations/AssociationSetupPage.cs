using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>
/// Base of the guided setup's pages after the association exists (office user, providers, done):
/// the administrator's only, each reading how far the association is set up
/// (<see cref="ListAssociationOverviewQuery"/>, 404 for an unknown id). Every step sends the
/// same commands as the API and the other pages; a step may be opened again at any time.
/// </summary>
internal abstract class AssociationSetupPage : OfficePage
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public AssociationOverviewRow Association { get; private set; } = null!;

    protected override bool Admits(Caller caller) => caller.Is(UserRole.SystemAdmin);

    protected async Task LoadAssociationAsync() =>
        Association = (await Sender.Send(new ListAssociationOverviewQuery { AssociationId = Id }, Aborted)).Single();

    /// <summary>Where the setup of an association continues: its next missing step, or the summary once set up.</summary>
    public static string ContinuePath(AssociationOverviewRow association)
    {
        ArgumentNullException.ThrowIfNull(association);
        var id = association.Id.ToString(CultureInfo.InvariantCulture);
        return association.NextStep switch
        {
            AssociationSetupStep.OfficeUser => $"/kansli/forbund/{id}/kansli",
            AssociationSetupStep.Providers => $"/kansli/forbund/{id}/utforare",
            _ => $"/kansli/forbund/{id}/klart",
        };
    }
}
