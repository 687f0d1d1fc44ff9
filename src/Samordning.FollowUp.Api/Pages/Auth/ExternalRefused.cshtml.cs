using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>Why a sign-in with the organisation's account was refused, in plain Swedish (the reason is in the address; the details in the audit log).</summary>
[AllowAnonymous]
internal sealed class ExternalRefusedModel(IOptions<AuthOptions> options) : UiPage
{
    [BindProperty(SupportsGet = true, Name = "orsak")]
    public string? Reason { get; set; }

    public ExternalRefusal Refusal => ExternalRefusals.Parse(Reason);

    public string Message => ExternalRefusals.Message(Refusal, options.Value.OpenIdConnect);
}
