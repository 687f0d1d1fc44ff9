using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// /openapi/v1.json as a client developer uses it: valid OpenAPI (checked by openapi-spec-validator,
/// which tests/scripts/test.sh installs), integers as integers, required only what the service
/// requires, rates with their unit, every error answer a ProblemDetails. That every create request with only
/// the fields the document requires is accepted is <see cref="MinimalBodyTests"/>.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "OpenApi")]
public sealed class OpenApiContractTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await Admin.GetAsync("/openapi/v1.json");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    private static JsonObject Schema(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();

    private static List<string> Required(JsonObject document, string name) =>
        [.. Schema(document, name)["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []];

    [Fact]
    public async Task Document_IsValidOpenApi_ByARealValidator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"followup-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).ToJsonString(), Ct);
        try
        {
            var start = new ProcessStartInfo("openapi-spec-validator") { ArgumentList = { file }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("openapi-spec-validator could not be started.");
            var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.True(process.ExitCode == 0, output);
            Assert.Contains(": OK", output, StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"openapi-spec-validator is not installed (tests/scripts/test.sh installs it): {e.Message}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Document_IntegersAreIntegers_RatesHaveTheirUnit_OptionalFieldsAreOptional()
    {
        var document = await DocumentAsync();
        var text = document.ToJsonString();

        Assert.DoesNotContain("\"integer\",\"string\"", text, StringComparison.Ordinal);
        Assert.Equal("integer", Schema(document, "AssociationResponse")["properties"]!["id"]!["type"]!.GetValue<string>());
        // The issue's examples: left out, they take a default or stay empty.
        Assert.Equal(["name"], Required(document, "CreateAssociationCommand"));
        var intervention = Required(document, "CreateInterventionCommand");
        Assert.DoesNotContain("endDate", intervention);
        Assert.DoesNotContain("expectedLengthWeeks", intervention);
        Assert.DoesNotContain("targetGroup", intervention);
        Assert.Contains("name", intervention);
        // A required field is not nullable; an optional one may be null.
        Assert.Equal("string", Schema(document, "CreateAssociationCommand")["properties"]!["name"]!["type"]!.GetValue<string>());
        Assert.Contains("null", Schema(document, "CreateInterventionCommand")["properties"]!["endDate"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        var rate = Schema(document, "IndicatorFigure")["properties"]!["rate"]!["description"]!.GetValue<string>();
        Assert.Contains("Percent with one decimal", rate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_EveryErrorAnswerOfTheApi_IsAProblemDetails()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                foreach (var code in new[] { "400", "401", "403" })
                {
                    if (!responses.ContainsKey(code) && !(code is "401" or "403" && path.StartsWith("/api/v1/auth/", StringComparison.Ordinal))
                        && !(code is "401" or "403" && path.StartsWith("/api/v1/setup/", StringComparison.Ordinal)))
                    {
                        missing.Add($"{method} {path}: no {code}");
                    }
                }

                if (path.Contains('{', StringComparison.Ordinal) && !responses.ContainsKey("404"))
                {
                    missing.Add($"{method} {path}: no 404");
                }

                foreach (var (code, response) in responses.Where(r => r.Key.StartsWith('4')))
                {
                    var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                    if (schema is not ("#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails"))
                    {
                        missing.Add($"{method} {path} {code}: schema {schema ?? "none"}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
