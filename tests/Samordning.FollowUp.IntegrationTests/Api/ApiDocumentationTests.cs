using System.Net;
using System.Text.Json;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

[Collection(ApiTestGroup.Name)]
public sealed class ApiDocumentationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryEndpoint()
    {
        var response = await Admin.GetAsync("/openapi/v1.json");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        var paths = document.RootElement.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/associations",
            "/api/v1/associations/{id}",
            "/api/v1/associations/{associationId}/providers",
            "/api/v1/associations/{associationId}/interventions",
            "/api/v1/interventions/{id}",
            "/api/v1/interventions/{id}/plans/{year}",
            "/api/v1/interventions/{id}/counts/{year}/{tertial}",
            "/api/v1/interventions/{interventionId}/participations",
            "/api/v1/participations/{id}",
            "/api/v1/participations/{id}/exit",
            "/api/v1/code-lists",
        ];
        var listed = paths.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(expected, path => Assert.Contains(path, listed));
        Assert.True(paths.GetProperty("/api/v1/participations/{id}/exit").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/participations/{id}/exit").TryGetProperty("put", out _));
    }

    /// <summary>The codes' own converter is opaque to OpenAPI; the reference still lists each code's names.</summary>
    [Fact]
    public async Task OpenApiDocument_DescribesCodesAsStringsWithTheirNames()
    {
        var response = await Admin.GetAsync("/openapi/v1.json");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var exitReason = schemas.GetProperty("ExitReason");
        Assert.Equal("string", exitReason.GetProperty("type").GetString());
        Assert.Equal(
            ["PlannedCompletion", "Discontinued", "TransferredToParty", "Illness", "MovedAway", "Deceased", "Other", "RegisteredInError"],
            exitReason.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Woman", "Man"], schemas.GetProperty("Gender").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Scalar_Returns200Html()
    {
        // "/scalar" redirects to "/scalar/"; the test client does not carry the bearer token across
        // a redirect, so ask for the page itself.
        var response = await Admin.GetAsync("/scalar/");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
