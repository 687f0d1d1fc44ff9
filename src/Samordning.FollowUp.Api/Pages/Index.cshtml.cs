using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Api.Pages;

/// <summary>The start page of each role.</summary>
public sealed class IndexModel : UiPage
{
    public IActionResult OnGet() => Redirect(Caller.Role switch
    {
        UserRole.Coach => "/att-gora",
        UserRole.AssociationAdmin => "/kansli/insatser",
        UserRole.BoardMember => "/rapport",
        _ => "/kansli/anvandare",
    });
}
