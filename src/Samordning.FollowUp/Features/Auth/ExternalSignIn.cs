using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>
/// Turns a validated sign-in at the organisation's identity provider (OpenID Connect) into a
/// signed-in local user: provisions the account on the first sign-in, brings its role and scope up
/// to date on later ones (a change renews the security stamp, as any role change does), and
/// refuses what does not map to exactly one role and a valid scope. The external identity is
/// recognised by issuer and subject (Identity's AspNetUserLogins), never by e-mail: an account that
/// already exists with the same e-mail is refused until an administrator links it
/// (<see cref="LinkExternalLoginCommand"/>).
/// </summary>
internal sealed class ExternalSignIn(
    SignInManager<UserAccount> signIn, FollowUpDbContext db, UserScopes scopes, CoachConfirmation confirmation,
    AccountEmails emails, AuditLog audit, CallerContext callers, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>Signs in the person the external principal names, or says why not (audited either way).</summary>
    /// <param name="external">The principal of the provider's validated id_token.</param>
    /// <param name="idToken">Kept in the sign-in cookie for the provider's sign-out (id_token_hint).</param>
    public async Task<ExternalRefusal?> SignInAsync(ClaimsPrincipal external, string? idToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var settings = options.Value.OpenIdConnect;
        var subjectClaim = external.FindFirst("sub");
        var email = external.FindFirstValue("email")?.Trim();
        var who = new Caller(null, $"Organisationens konto: {(string.IsNullOrEmpty(email) ? "(utan e-postadress)" : email)}", null, null, null, false);
        if (subjectClaim is null || string.IsNullOrEmpty(subjectClaim.Value))
        {
            return await RefuseAsync(who, null, ExternalRefusal.Failed, "Organisationens svar saknade subjekt (sub)", cancellationToken);
        }

        if (string.IsNullOrEmpty(email))
        {
            return await RefuseAsync(who, null, ExternalRefusal.NoEmail, "Organisationens konto saknar e-postadress", cancellationToken);
        }

        var (issuer, subject) = (subjectClaim.Issuer, subjectClaim.Value);
        var user = await signIn.UserManager.FindByLoginAsync(issuer, subject);
        var (mapped, refusal, detail) = await MapAsync(external, settings, user, cancellationToken);
        if (refusal is { } reason)
        {
            return await RefuseAsync(user is null ? who : Caller.Of(user), user, reason, detail, cancellationToken);
        }

        var request = mapped! with { Issuer = issuer, Subject = subject, Email = email };
        if (user is null)
        {
            if (await signIn.UserManager.FindByEmailAsync(email) is { } local)
            {
                // Never linked by e-mail: the administrator decides (LinkExternalLoginCommand).
                await signIn.UserManager.SetAuthenticationTokenAsync(local, ExternalLogins.PendingLinkProvider, ExternalLogins.PendingLinkName, JsonSerializer.Serialize(request));
                return await RefuseAsync(Caller.Of(local), local, ExternalRefusal.LocalAccount,
                    $"Ett konto med samma e-postadress finns; organisationens konto anger rollen {ExternalLogins.Describe(request)}. Väntar på att en administratör kopplar kontot", cancellationToken);
            }

            user = await CreateAsync(request, external.FindFirstValue("name"), cancellationToken);
        }
        else if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            return await RefuseAsync(Caller.Of(user), user, ExternalRefusal.Locked, "Kontot är låst", cancellationToken);
        }
        else
        {
            await UpdateAsync(user, request, cancellationToken);
        }

        var properties = new AuthenticationProperties();
        if (!string.IsNullOrEmpty(idToken))
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInWithClaimsAsync(user, properties, []);
        audit.AddFor(Caller.Of(user), AuditAction.SignIn, AuditLog.User, user.Id, user.AssociationId, user.ProviderId, "Med organisationens konto");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The one role and its scope the claims name, checked as the user administration checks them.</summary>
    private async Task<(ExternalLoginRequest? Request, ExternalRefusal? Refusal, string Detail)> MapAsync(
        ClaimsPrincipal external, OpenIdConnectSettings settings, UserAccount? existing, CancellationToken cancellationToken)
    {
        var roleValues = external.FindAll(settings.RoleClaim).Select(c => c.Value).ToList();
        var roles = roleValues
            .Select(v => Enum.TryParse<UserRole>(v, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(v, out _) ? role : (UserRole?)null)
            .OfType<UserRole>().Distinct().ToList();
        if (roles.Count == 0)
        {
            return (null, ExternalRefusal.NoRole, $"Ingen roll i ”{settings.RoleClaim}” ({(roleValues.Count == 0 ? "uppgiften saknas" : "okända värden")})");
        }

        if (roles.Count > 1)
        {
            return (null, ExternalRefusal.SeveralRoles, $"Flera roller i ”{settings.RoleClaim}”: {string.Join(", ", roles.Select(SwedishFormat.Label))}");
        }

        if (!TryReadId(external, settings.AssociationClaim, out var associationId))
        {
            return (null, ExternalRefusal.Association, $"”{settings.AssociationClaim}” är inte ett förbunds nummer");
        }

        if (!TryReadId(external, settings.ProviderClaim, out var providerId))
        {
            return (null, ExternalRefusal.Provider, $"”{settings.ProviderClaim}” är inte en utförares nummer");
        }

        // The claims are the organisation's word, checked with the rules of the user administration.
        callers.RunAsSystem();
        try
        {
            var (association, provider) = await scopes.ResolveAsync(
                roles[0], associationId, providerId, cancellationToken, existing?.Role == UserRole.Coach ? existing.ProviderId : null);
            return (new ExternalLoginRequest(string.Empty, string.Empty, string.Empty, roles[0], association, provider, clock.GetUtcNow().UtcDateTime), null, string.Empty);
        }
        catch (RuleViolationException e)
        {
            var (field, messages) = e.Errors.First();
            var reason = field switch
            {
                "providerId" => ExternalRefusal.Provider,
                "associationId" => ExternalRefusal.Association,
                _ => ExternalRefusal.Scope,
            };
            return (null, reason, $"{SwedishFormat.Label(roles[0])}: {messages[0]}");
        }
    }

    private static bool TryReadId(ClaimsPrincipal external, string claimType, out long? id)
    {
        var values = external.FindAll(claimType).Select(c => c.Value).Distinct().ToList();
        id = null;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            id = parsed;
            return true;
        }

        return false;
    }

    private async Task<UserAccount> CreateAsync(ExternalLoginRequest request, string? name, CancellationToken cancellationToken)
    {
        var user = new UserAccount
        {
            UserName = request.Email,
            Email = request.Email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(name) ? request.Email : name.Trim(),
            Role = request.Role,
            AssociationId = request.AssociationId,
            ProviderId = request.ProviderId,
            IsExternal = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        bool awaitsProvider;
        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            // The claims can make an account a coach, never a confirmed one: the provider's rule applies.
            awaitsProvider = await confirmation.ApplyAsync(user, null, null, cancellationToken);
            IdentityResults.ThrowIfFailed(await signIn.UserManager.CreateAsync(user));
            IdentityResults.ThrowIfFailed(await signIn.UserManager.AddLoginAsync(user, new UserLoginInfo(request.Issuer, request.Subject, ExternalLogins.LoginDisplayName)));
            audit.AddFor(Caller.Of(user), AuditAction.Create, AuditLog.User, user.Id, user.AssociationId, user.ProviderId,
                $"Skapad vid inloggning med organisationens konto. Roll: {SwedishFormat.Label(user.Role)}{(awaitsProvider ? ", väntar på utförarens bekräftelse" : string.Empty)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (awaitsProvider)
        {
            await emails.NotifyProviderOfPendingCoachAsync(user, cancellationToken);
        }

        return user;
    }

    /// <summary>The organisation's claims decide the role and scope: a change is saved with a new security stamp.</summary>
    private async Task UpdateAsync(UserAccount user, ExternalLoginRequest request, CancellationToken cancellationToken)
    {
        if (user.Role == request.Role && user.AssociationId == request.AssociationId && user.ProviderId == request.ProviderId)
        {
            return;
        }

        var (previousRole, previousProvider) = (user.Role, user.ProviderId);
        bool awaitsProvider;
        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            user.Role = request.Role;
            user.AssociationId = request.AssociationId;
            user.ProviderId = request.ProviderId;
            awaitsProvider = await confirmation.ApplyAsync(user, previousRole, previousProvider, cancellationToken);
            // One save: a new stamp is written together with the changes above; other sessions of the user end.
            IdentityResults.ThrowIfFailed(await signIn.UserManager.UpdateSecurityStampAsync(user));
            audit.AddFor(Caller.Of(user), AuditAction.Correct, AuditLog.User, user.Id, user.AssociationId, user.ProviderId,
                $"Ändrad vid inloggning med organisationens konto. Roll: {SwedishFormat.Label(user.Role)}{(awaitsProvider ? ", väntar på utförarens bekräftelse" : string.Empty)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (awaitsProvider && (previousRole != user.Role || previousProvider != user.ProviderId))
        {
            await emails.NotifyProviderOfPendingCoachAsync(user, cancellationToken);
        }
    }

    private async Task<ExternalRefusal> RefuseAsync(
        Caller who, UserAccount? user, ExternalRefusal reason, string detail, CancellationToken cancellationToken)
    {
        audit.AddFor(who, AuditAction.SignInFailed, AuditLog.User, user?.Id, user?.AssociationId, user?.ProviderId,
            $"Organisationens konto nekades: {detail}");
        await db.SaveChangesAsync(cancellationToken);
        return reason;
    }

    /// <summary>
    /// Any failure of the exchange with the provider (a token with the wrong issuer or audience or
    /// expired, a state used twice, the person cancelling) lands on the Swedish refusal page, audited.
    /// </summary>
    public static void HandleFailures(OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.OnRemoteFailure = async context =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<ExternalSignIn>().AuditFailureAsync(context.Failure, context.HttpContext.RequestAborted);
            context.Response.Redirect(ExternalRefusals.PageOf(ExternalRefusal.Failed));
            context.HandleResponse();
        };
        options.Events.OnAccessDenied = async context =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<ExternalSignIn>()
                .AuditFailureAsync(new InvalidOperationException("access_denied"), context.HttpContext.RequestAborted);
            context.Response.Redirect(ExternalRefusals.PageOf(ExternalRefusal.Failed));
            context.HandleResponse();
        };
    }

    /// <summary>An exchange with the provider that failed before any claim was read (audited with what failed).</summary>
    public async Task AuditFailureAsync(Exception? failure, CancellationToken cancellationToken)
    {
        audit.AddFor(new Caller(null, "Organisationens konto", null, null, null, false), AuditAction.SignInFailed, AuditLog.User, null, null, null,
            $"Organisationens konto nekades: {DescribeFailure(failure)}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What went wrong in the exchange, in words (the handler's messages are English and may be long).</summary>
    public static string DescribeFailure(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SecurityTokenInvalidIssuerException:
                    return "token från fel utfärdare (iss)";
                case SecurityTokenInvalidAudienceException:
                    return "token till fel mottagare (aud)";
                case SecurityTokenExpiredException:
                    return "token har gått ut (exp)";
                case SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException:
                    return "tokens underskrift gick inte att verifiera";
                case SecurityTokenException:
                    return "token gick inte att godta";
            }

            if (e.Message.Contains("Correlation failed", StringComparison.Ordinal))
            {
                return "svaret hörde inte till någon påbörjad inloggning (state saknas eller användes redan)";
            }

            if (e.Message.Contains("invalid_grant", StringComparison.Ordinal))
            {
                return "koden godtogs inte av organisationens inloggningstjänst (redan använd eller ogiltig)";
            }

            if (e.Message.Contains("access_denied", StringComparison.Ordinal))
            {
                return "inloggningen avbröts hos organisationens inloggningstjänst";
            }
        }

        return "svaret från organisationens inloggningstjänst gick inte att godta";
    }
}
