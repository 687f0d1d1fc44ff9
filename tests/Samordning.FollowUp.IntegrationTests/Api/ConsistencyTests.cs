using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>What every client and browser sees alike: Swedish problem titles whoever wrote the problem, and the service's own favicon.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class ConsistencyTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Problems_WrittenByTheFramework_HaveSwedishTitlesAndTheRfcType()
    {
        // An unknown route (status-code pages), a wrong method (routing), no sign-in (authentication),
        // a wrong role (authorization) and an unknown id (the service's own handler).
        var association = await Data.AssociationAsync();
        await Data.ProviderAsync(association.Id);
        var cases = new (HttpResponseMessage Response, HttpStatusCode Status, string Title)[]
        {
            (await Coach.GetAsync("/api/v1/finns-inte"), HttpStatusCode.NotFound, "Hittades inte"),
            (await Coach.DeleteAsync("/api/v1/code-lists"), HttpStatusCode.MethodNotAllowed, "Metoden är inte tillåten"),
            (await Users.Anonymous.GetAsync("/api/v1/follow-ups"), HttpStatusCode.Unauthorized, "Inte inloggad"),
            (await Coach.PostAsync("/api/v1/jobs/follow-up-scheduler/run", new JsonObject()), HttpStatusCode.Forbidden, "Ingen behörighet"),
            (await Office.GetAsync("/api/v1/interventions/987654"), HttpStatusCode.NotFound, "Hittades inte"),
        };

        foreach (var (response, status, title) in cases)
        {
            var problem = await response.ShouldBeProblemAsync(status);
            Assert.Equal(title, problem.Title);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", json.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Favicon_IsServedWithoutSignIn()
    {
        var response = await Users.Anonymous.GetAsync("/favicon.ico");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        // An ICO file: reserved 0, type 1 (icon).
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }
}
