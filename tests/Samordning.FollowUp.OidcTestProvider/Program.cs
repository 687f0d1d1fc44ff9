using System.Globalization;
using Samordning.FollowUp.OidcTestProvider;

// A small OpenID Connect provider for the tests, on loopback only: discovery, JWKS, the
// authorization endpoint (code flow with PKCE, a form choosing a test user), the token endpoint
// (RS256-signed id_tokens), userinfo and end_session. Test users and their claims are set over
// HTTP (PUT /test/users/{name}); a user may get tokens with another issuer, another audience or
// an expired lifetime, so the service's refusals can be tested with real tokens.
//
// usage: dotnet Samordning.FollowUp.OidcTestProvider.dll [--urls http://127.0.0.1:0] [--UrlFile path]
//        [--Client:Id samordning-followup] [--Client:Secret test-secret]
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:0");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new ProviderState(
    builder.Configuration["Client:Id"] ?? "samordning-followup",
    builder.Configuration["Client:Secret"] ?? "test-secret"));

var app = builder.Build();
ProviderEndpoints.Map(app);

app.Lifetime.ApplicationStarted.Register(() =>
{
    // The script reads the address from this file: the port was chosen by the system.
    var address = app.Urls.First();
    if (app.Configuration["UrlFile"] is { Length: > 0 } file)
    {
        File.WriteAllText(file + ".tmp", address);
        File.Move(file + ".tmp", file, overwrite: true);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OpenID Connect test provider on {address}"));
});

await app.RunAsync();
