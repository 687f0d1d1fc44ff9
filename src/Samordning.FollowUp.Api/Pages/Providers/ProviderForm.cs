namespace Samordning.FollowUp.Api.Pages.Providers;

/// <summary>The fields the create and edit pages share.</summary>
public sealed class ProviderForm
{
    public string? Name { get; set; }

    public string? OrganisationNumber { get; set; }

    public string? ContactEmail { get; set; }
}
