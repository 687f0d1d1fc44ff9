using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Samordning.FollowUp.OidcTestProvider;

internal static class ProviderEndpoints
{
    private static readonly string[] AuthorizeParameters =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode"];

    public static void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = IssuerOf(request);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["userinfo_endpoint"] = issuer + "/userinfo",
                ["end_session_endpoint"] = issuer + "/endsession",
                ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["response_modes_supported"] = new[] { "query", "form_post" },
                ["grant_types_supported"] = new[] { "authorization_code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
                ["scopes_supported"] = new[] { "openid", "profile", "email" },
            });
        });

        app.MapGet("/jwks", (ProviderState state) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(state.SigningKey);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        app.MapGet("/authorize", (HttpRequest request, ProviderState state) =>
        {
            var parameters = AuthorizeParameters.ToDictionary(p => p, p => request.Query[p].ToString());
            return CheckAuthorizeRequest(parameters, state) is { } error
                ? Results.BadRequest(error)
                : Results.Content(LoginForm(parameters, null), "text/html; charset=utf-8");
        });

        app.MapPost("/authorize", async (HttpRequest request, ProviderState state) =>
        {
            var form = await request.ReadFormAsync();
            var parameters = AuthorizeParameters.ToDictionary(p => p, p => form[p].ToString());
            if (CheckAuthorizeRequest(parameters, state) is { } error)
            {
                return Results.BadRequest(error);
            }

            var userName = form["username"].ToString();
            if (!state.Users.TryGetValue(userName, out var user))
            {
                return Results.Content(LoginForm(parameters, "Unknown test user."), "text/html; charset=utf-8");
            }

            var code = NewSecret();
            state.Codes[code] = new PendingCode(parameters["client_id"], parameters["redirect_uri"], parameters["code_challenge"],
                NullIfEmpty(parameters["nonce"]), userName, user);
            var answer = new Dictionary<string, string?> { ["code"] = code, ["state"] = NullIfEmpty(parameters["state"]) };
            if (parameters["response_mode"] == "form_post")
            {
                return Results.Content(AutoPost(parameters["redirect_uri"], answer), "text/html; charset=utf-8");
            }

            return Results.Redirect(QueryHelpers.AddQueryString(parameters["redirect_uri"], answer));
        });

        app.MapPost("/token", async (HttpRequest request, ProviderState state) =>
        {
            var form = await request.ReadFormAsync();
            var (clientId, secret) = ClientCredentials(request, form);
            if (clientId != state.ClientId || secret != state.ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            if (form["grant_type"] != "authorization_code")
            {
                return Results.BadRequest(new { error = "unsupported_grant_type" });
            }

            // A code is redeemed once: a second attempt finds nothing.
            if (!state.Codes.TryRemove(form["code"].ToString(), out var pending)
                || pending.ClientId != clientId || pending.RedirectUri != form["redirect_uri"])
            {
                return Results.BadRequest(new { error = "invalid_grant", error_description = "Unknown or used code." });
            }

            var verifier = form["code_verifier"].ToString();
            if (verifier.Length < 43 || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge)
            {
                return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE verification failed." });
            }

            var accessToken = NewSecret();
            state.AccessTokens[accessToken] = pending.User;
            return Results.Json(new
            {
                access_token = accessToken,
                token_type = "Bearer",
                expires_in = 300,
                id_token = IdToken(request, state, pending, accessToken),
            });
        });

        app.MapGet("/userinfo", (HttpRequest request, ProviderState state) =>
        {
            var authorization = request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !state.AccessTokens.TryGetValue(authorization[7..], out var user))
            {
                return Results.Unauthorized();
            }

            return Results.Json(new Dictionary<string, object?> { ["sub"] = user.Subject, ["email"] = user.Email, ["name"] = user.Name });
        });

        app.MapGet("/endsession", (HttpRequest request, ProviderState state) =>
        {
            var hint = request.Query["id_token_hint"].ToString();
            var subject = string.Empty;
            if (hint.Length > 0 && new JsonWebTokenHandler().CanReadToken(hint))
            {
                subject = new JsonWebToken(hint).Subject ?? string.Empty;
            }

            state.EndedSessions.Enqueue(subject);
            var back = request.Query["post_logout_redirect_uri"].ToString();
            if (back.Length == 0 || !IsLoopback(back))
            {
                return Results.Content("<!doctype html><title>Signed out</title><p>You are signed out at the test provider.</p>", "text/html");
            }

            var query = new Dictionary<string, string?> { ["state"] = NullIfEmpty(request.Query["state"].ToString()) };
            return Results.Redirect(QueryHelpers.AddQueryString(back, query));
        });

        // The tests' own control: users and what reached end_session.
        app.MapPut("/test/users/{name}", (string name, TestUser user, ProviderState state) =>
        {
            state.Users[name] = user;
            return Results.NoContent();
        });
        app.MapGet("/test/ended-sessions", (ProviderState state) => Results.Json(state.EndedSessions.ToArray()));
        app.MapGet("/test/health", () => Results.Text("ok"));
    }

    private static string IssuerOf(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static object? CheckAuthorizeRequest(Dictionary<string, string> parameters, ProviderState state)
    {
        if (parameters["client_id"] != state.ClientId)
        {
            return new { error = "invalid_client" };
        }

        if (!IsLoopback(parameters["redirect_uri"]))
        {
            return new { error = "invalid_request", error_description = "redirect_uri must be on loopback." };
        }

        if (parameters["response_type"] != "code" || !parameters["scope"].Split(' ').Contains("openid"))
        {
            return new { error = "unsupported_response_type" };
        }

        return parameters["code_challenge"].Length == 0 || parameters["code_challenge_method"] != "S256"
            ? new { error = "invalid_request", error_description = "PKCE (S256) is required." }
            : null;
    }

    private static string IdToken(HttpRequest request, ProviderState state, PendingCode pending, string accessToken)
    {
        var user = pending.User;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = user.Subject };
        if (pending.Nonce is not null)
        {
            claims["nonce"] = pending.Nonce;
        }

        if (user.Email is not null)
        {
            claims["email"] = user.Email;
        }

        if (user.Name is not null)
        {
            claims["name"] = user.Name;
        }

        // at_hash: the left half of the access token's SHA-256.
        claims["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        foreach (var (type, values) in user.Claims)
        {
            claims[type] = values.Length == 1 ? values[0] : values;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = user.Issuer ?? IssuerOf(request),
            Audience = user.Audience ?? pending.ClientId,
            IssuedAt = now.AddHours(-1),
            NotBefore = now.AddHours(-1),
            Expires = now.AddSeconds(user.LifetimeSeconds),
            Claims = claims,
            SigningCredentials = new SigningCredentials(state.SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..])).Split(':', 2);
            return (WebUtility.UrlDecode(pair[0]), pair.Length == 2 ? WebUtility.UrlDecode(pair[1]) : null);
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static bool IsLoopback(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.IsLoopback || parsed.Host == "localhost");

    private static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string LoginForm(Dictionary<string, string> parameters, string? error)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test provider: sign in</title></head><body><main>");
        html.Append("<h1>Test identity provider</h1>");
        if (error is not null)
        {
            html.Append("<p role=\"alert\">").Append(HtmlEncoder.Default.Encode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/authorize\">");
        foreach (var (name, value) in parameters)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(HtmlEncoder.Default.Encode(value)).Append("\">");
        }

        html.Append("<label for=\"username\">Test user</label> <input id=\"username\" name=\"username\" autocomplete=\"username\">");
        html.Append(" <button type=\"submit\">Sign in</button></form></main></body></html>");
        return html.ToString();
    }

    private static string AutoPost(string action, Dictionary<string, string?> values)
    {
        var html = new StringBuilder("<!doctype html><html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"");
        html.Append(HtmlEncoder.Default.Encode(action)).Append("\">");
        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(HtmlEncoder.Default.Encode(value!)).Append("\">");
        }

        return html.Append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>").ToString();
    }
}
