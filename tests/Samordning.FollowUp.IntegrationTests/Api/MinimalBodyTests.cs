using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// The document's <c>required</c> lists against what the endpoints accept (issue 20): every create request
/// (a POST that creates, or a PUT that creates or sets a figure) is sent with exactly the fields its schema
/// requires — plus, where the schema's description says a field is required only in a case, the fields of
/// that case — and answers 2xx; the same body with one required field left out answers 400 naming it.
/// A POST or PUT added to the API without a case here, or in the list of actions that create nothing, fails.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "OpenApi")]
public sealed class MinimalBodyTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>POSTs and PUTs that act on something that exists (a decision, a correction, a sign-in), not creates.</summary>
    private static readonly HashSet<string> NotCreates =
    [
        "PUT /api/v1/associations/{id}/intake-settings",
        "PUT /api/v1/associations/{associationId}/providers/{providerId}",
        "POST /api/v1/associations/{associationId}/providers/{providerId}/deactivate",
        "POST /api/v1/associations/{associationId}/providers/{providerId}/reactivate",
        "PUT /api/v1/interventions/{id}",
        "POST /api/v1/interventions/{id}/end",
        "PUT /api/v1/participations/{id}",
        "PUT /api/v1/participations/{id}/exit",
        "POST /api/v1/referrals/{id}/accept",
        "POST /api/v1/referrals/{id}/decline",
        "POST /api/v1/referrals/{id}/withdraw",
        "PUT /api/v1/interventions/{interventionId}/places",
        "PUT /api/v1/follow-ups/{id}/result",
        "POST /api/v1/associations/{associationId}/indicator-definitions/{code}/preview",
        "POST /api/v1/jobs/{jobId}/run",
        "POST /api/v1/associations/{associationId}/reports/tertial/{year}/{tertial}/close",
        "POST /api/v1/associations/{associationId}/economy/cost-import",
        "POST /api/v1/providers/{providerId}/tertial-reports/{year}/{tertial}/attest",
        "POST /api/v1/providers/{providerId}/tertial-reports/{year}/{tertial}/accept",
        "POST /api/v1/providers/{providerId}/tertial-reports/{year}/{tertial}/return",
        "POST /api/v1/associations/{associationId}/tertial-reports/{year}/{tertial}/reminders",
        "POST /api/v1/providers/{providerId}/data-quality/{year}/{tertial}/reminders",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/logout",
        "POST /api/v1/auth/password",
        "PUT /api/v1/users/{id}",
        "POST /api/v1/users/{id}/password-link",
        "POST /api/v1/users/{id}/confirm",
        // Links a refused sign-in with the organisation's account: a decision on what is waiting, not a creation.
        "POST /api/v1/users/{id}/external-login",
        "POST /api/v1/participations/search",
        "POST /api/v1/participations/{id}/consent/withdraw",
        "POST /api/v1/data-subject/export",
        "POST /api/v1/data-subject/erase",
        "POST /api/v1/associations/{associationId}/progression-instruments/{code}/preview",
        "PUT /api/v1/participations/{id}/measurements/{measurementId}",
        // Creates the first administrator only with the one-time token printed at start-up (Auth/FirstAdminTests).
        "POST /api/v1/setup/first-admin",
    ];

    /// <summary>A value a user would give for each field name a create request may require.</summary>
    private static readonly Dictionary<string, JsonNode?> Values = new()
    {
        ["name"] = "Minsta möjliga",
        ["orientation"] = "IndividualFocused",
        ["category"] = "Preparatory",
        ["municipalities"] = new JsonArray("Borås"),
        ["startDate"] = "2026-01-01",
        ["email"] = "minsta@test.example",
        ["displayName"] = "Minsta Användare",
        // A system administrator has no scope; the other roles' association or provider depends on the role.
        ["role"] = "SystemAdmin",
        ["kind"] = "Municipality",
        ["plannedParticipants"] = 10,
        ["budgetSek"] = 100_000,
        ["women"] = 3,
        ["men"] = 2,
        ["homeMunicipality"] = "Borås",
        ["referredBy"] = "SocialInsuranceAgency",
        ["educationLevel"] = "Unknown",
        ["timeInPublicSupport"] = "Unknown",
        ["occupationAtStart"] = "Unknown",
        ["endDate"] = "2025-11-20",
        ["exitReason"] = "PlannedCompletion",
        ["occupation"] = "Unknown",
        ["incomeSources"] = new JsonArray(),
        ["receivedOn"] = "2026-06-01",
        ["contactedOn"] = "2026-11-20",
        ["attemptedOn"] = "2026-11-19",
        ["measurementPoint"] = "AtExit",
        ["successRule"] = "OccupationIn",
        ["targetPercent"] = 40,
        ["validFrom"] = "2026-01-01",
        ["targets"] = new JsonArray(),
        ["factors"] = new JsonArray(new JsonObject { ["code"] = "MOT", ["label"] = "Motivation", ["direction"] = "HigherIsBetter" }),
        ["scaleMin"] = 1,
        ["scaleMax"] = 2,
        ["scaleLabels"] = new JsonArray(new JsonObject { ["value"] = 1, ["label"] = "Låg" }, new JsonObject { ["value"] = 2, ["label"] = "Hög" }),
        ["toleranceDays"] = 14,
        ["rule"] = "MeanImproved",
        ["instrumentCode"] = "STEG",
        ["point"] = "Interim",
        ["measuredOn"] = "2026-06-15",
        ["scores"] = new JsonArray(new JsonObject { ["factorCode"] = "STEG", ["score"] = 3 }),
        ["consent"] = false,
    };

    private readonly HashSet<string> _covered = [];
    private readonly List<string> _notRequired = [];
    private JsonObject _document = null!;

    [Fact]
    public async Task EveryCreateEndpoint_MinimalBody_Returns2xx_AndWithoutARequiredField_400()
    {
        var response = await Admin.GetAsync("/openapi/v1.json");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

        // The office's side: an association, its provider, interventions of the three registration modes.
        await SendAsync(Admin, "POST", "/api/v1/associations", "/api/v1/associations", new() { ["name"] = "Minsta förbundet" });
        var association = (await Data.AssociationAsync()).Id;
        var associations = $"/api/v1/associations/{association}";
        await SendAsync(Office, "POST", "/api/v1/associations/{associationId}/providers", $"{associations}/providers");
        var provider = (await Data.ProviderAsync(association)).Id;
        var intervention = await SendAsync(Office, "POST", "/api/v1/associations/{associationId}/interventions", $"{associations}/interventions",
            new() { ["providerId"] = provider, ["startDate"] = "2025-01-01" });
        var identified = intervention["id"]!.GetValue<long>();
        var anonymous = (await Data.InterventionAsync(association, provider, Mode.AnonymousIndividual, start: new DateOnly(2025, 1, 1))).Id;
        var countOnly = (await Data.InterventionAsync(association, provider, Mode.CountOnly, start: new DateOnly(2025, 1, 1))).Id;
        await SendAsync(Admin, "POST", "/api/v1/users", "/api/v1/users");
        await SendAsync(Office, "PUT", "/api/v1/interventions/{id}/plans/{year}", $"/api/v1/interventions/{identified}/plans/2026");
        await SendAsync(Coach, "PUT", "/api/v1/interventions/{id}/counts/{year}/{tertial}", $"/api/v1/interventions/{countOnly}/counts/2026/1");
        await SendAsync(Coach, "PUT", "/api/v1/interventions/{id}/tertial-notes/{year}/{tertial}", $"/api/v1/interventions/{identified}/tertial-notes/2026/1",
            new() { ["whatWorked"] = "Samverkan med Arbetsförmedlingen." });

        // The coach's side: intakes (identified: the personnummer and consent its schema describes; anonymous: gender
        // and birth year), an exit, a referral and its start, the follow-up's contact, a measurement.
        var identifiedIntake = new Dictionary<string, JsonNode?>
        {
            ["startDate"] = "2025-03-03",
            ["personalIdentityNumber"] = TestPersonnummer.Woman(61),
            ["consent"] = new JsonObject { ["date"] = "2025-03-03", ["textVersion"] = "2026-01", ["collectedBy"] = "Åsa Öberg" },
        };
        var participation = (await SendAsync(Coach, "POST", "/api/v1/interventions/{interventionId}/participations",
            $"/api/v1/interventions/{identified}/participations", identifiedIntake))["id"]!.GetValue<long>();
        await SendAsync(Coach, "POST", "/api/v1/interventions/{interventionId}/participations", $"/api/v1/interventions/{anonymous}/participations",
            new() { ["startDate"] = "2026-02-01", ["gender"] = "Man", ["birthYear"] = 1990 });
        await SendAsync(Coach, "PUT", "/api/v1/participations/{id}/follow-up-contact", $"/api/v1/participations/{participation}/follow-up-contact");
        await SendAsync(Coach, "POST", "/api/v1/participations/{id}/measurements", $"/api/v1/participations/{participation}/measurements",
            new() { ["measuredOn"] = "2025-06-01" });
        await SendAsync(Coach, "POST", "/api/v1/participations/{id}/exit", $"/api/v1/participations/{participation}/exit",
            new() { ["occupation"] = "Unknown" });
        var referral = (await SendAsync(Coach, "POST", "/api/v1/interventions/{interventionId}/referrals", $"/api/v1/interventions/{anonymous}/referrals",
            new() { ["gender"] = "Woman", ["birthYear"] = 1995 }))["id"]!.GetValue<long>();
        await SendAsync(Coach, "POST", "/api/v1/referrals/{id}/start", $"/api/v1/referrals/{referral}/start", new() { ["startDate"] = "2026-06-15" });

        // The follow-up the exit gave: a contact attempt, then the result.
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var followUp = (await Data.FollowUpOfAsync(participation))!.Id;
        await SendAsync(Coach, "POST", "/api/v1/follow-ups/{id}/contact-attempts", $"/api/v1/follow-ups/{followUp}/contact-attempts",
            new() { ["outcome"] = "NoAnswer" });
        await SendAsync(Coach, "POST", "/api/v1/follow-ups/{id}/result", $"/api/v1/follow-ups/{followUp}/result",
            new() { ["outcome"] = "Reached", ["occupation"] = "Unknown" });

        // Indicators, progression, economy.
        await SendAsync(Office, "POST", "/api/v1/associations/{associationId}/indicator-definitions", $"{associations}/indicator-definitions",
            new() { ["code"] = "I9", ["successOccupations"] = new JsonArray("Employed") });
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/indicator-definitions/{code}", $"{associations}/indicator-definitions/I1",
            new() { ["validFrom"] = "2026-05-01", ["successOccupations"] = new JsonArray("Employed") });
        await SendAsync(Office, "POST", "/api/v1/associations/{associationId}/progression-instruments", $"{associations}/progression-instruments",
            new() { ["code"] = "MOT", ["atStart"] = true, ["minMeanImprovement"] = 1 });
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/progression-instruments/{code}", $"{associations}/progression-instruments/MOT",
            new() { ["validFrom"] = "2026-05-01", ["atExit"] = true, ["minMeanImprovement"] = 1 });
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/economy/{year}", $"{associations}/economy/2026");
        var member = (await SendAsync(Office, "POST", "/api/v1/associations/{associationId}/economy/members", $"{associations}/economy/members",
            new() { ["name"] = "Borås" }))["id"]!.GetValue<long>();
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/economy/members/{memberId}/years/{year}",
            $"{associations}/economy/members/{member}/years/2026");
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/economy/{year}/administration/{category}", $"{associations}/economy/2026/administration/Staff");
        await SendAsync(Office, "PUT", "/api/v1/associations/{associationId}/economy/targets", $"{associations}/economy/targets");
        await SendAsync(Office, "PUT", "/api/v1/interventions/{id}/costs/{year}", $"/api/v1/interventions/{identified}/costs/2026");

        var untested = _document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))
            .Where(o => o.StartsWith("POST ", StringComparison.Ordinal) || o.StartsWith("PUT ", StringComparison.Ordinal))
            .Where(o => !_covered.Contains(o) && !NotCreates.Contains(o))
            .ToList();
        Assert.True(_notRequired.Count == 0, "The document requires what the endpoint does not:\n" + string.Join("\n", _notRequired));
        Assert.True(untested.Count == 0, "A create endpoint without a minimal-body case (or add it to NotCreates):\n" + string.Join("\n", untested));
    }

    /// <summary>
    /// Sends the schema's required fields (values from <see cref="Values"/>, then <paramref name="extra"/>, which may
    /// add the fields a case requires or, with null, leave one out); expects 2xx. First, without each required field
    /// in turn: 400 with that field named.
    /// </summary>
    private async Task<JsonObject> SendAsync(ApiClient client, string method, string template, string path, Dictionary<string, JsonNode?>? extra = null)
    {
        var operation = _document["paths"]![template]?[method.ToLowerInvariant()] ?? throw new InvalidOperationException($"No {method} {template} in the document.");
        _covered.Add($"{method} {template}");
        var reference = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        var required = reference is null ? [] : _document["components"]!["schemas"]![reference.Split('/')[^1]]!["required"]?.AsArray()
            .Select(r => r!.GetValue<string>()).ToList() ?? [];

        JsonObject Body(string? without)
        {
            var body = new JsonObject();
            foreach (var field in required.Where(f => f != without))
            {
                Assert.True(Values.ContainsKey(field) || extra?.ContainsKey(field) == true, $"{method} {template}: no value for the required field {field}");
                body[field] = (extra is not null && extra.TryGetValue(field, out var value) ? value : Values[field])?.DeepClone();
            }

            foreach (var (field, value) in extra ?? [])
            {
                if (!required.Contains(field) && value is not null)
                {
                    body[field] = value.DeepClone();
                }
            }

            foreach (var field in body.Where(f => f.Value is null).Select(f => f.Key).ToList())
            {
                body.Remove(field);
            }

            return body;
        }

        foreach (var field in required.Where(f => extra?.TryGetValue(f, out var v) != true || v is not null))
        {
            var refused = await SendAsync(client, method, path, Body(field));
            var text = await refused.Content.ReadAsStringAsync(Ct);
            if (refused.StatusCode != HttpStatusCode.BadRequest || !text.Contains($"\"{field}", StringComparison.OrdinalIgnoreCase))
            {
                _notRequired.Add($"{method} {template} without the required {field}: {(int)refused.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }
        }

        var minimal = Body(null);
        var response = await SendAsync(client, method, path, minimal);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {template} {minimal.ToJsonString()}: {(int)response.StatusCode} {answer}\n" + string.Join("\n", _notRequired));
        return answer.Length > 0 && JsonNode.Parse(answer) is JsonObject o ? o : [];
    }

    private static Task<HttpResponseMessage> SendAsync(ApiClient client, string method, string path, JsonObject body) =>
        method == "POST" ? client.PostAsync(path, body) : client.PutAsync(path, body);
}
