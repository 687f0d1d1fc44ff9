using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>Puts the user's one role and its scope into the principal (cookie and bearer token alike).</summary>
internal sealed class UserClaimsFactory(UserManager<UserAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.AssociationId is { } associationId)
        {
            identity.AddClaim(new Claim(FollowUpClaims.AssociationId, associationId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.ProviderId is { } providerId)
        {
            identity.AddClaim(new Claim(FollowUpClaims.ProviderId, providerId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.Role == UserRole.Coach && user.ProviderConfirmedAtUtc is not null)
        {
            identity.AddClaim(new Claim(FollowUpClaims.ProviderConfirmed, "true"));
        }

        return identity;
    }
}
