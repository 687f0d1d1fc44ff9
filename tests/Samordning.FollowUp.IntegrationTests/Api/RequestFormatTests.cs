using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>Codes travel as names; numbers, unknown names, unknown fields and broken JSON are refused.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class RequestFormatTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>
    /// Bug: minimal APIs throw BadHttpRequestException for unreadable JSON only when
    /// RouteHandlerOptions.ThrowOnBadRequest is true, which is the default in Development only.
    /// Everywhere else the framework answers a bare 400 and ProblemDetailsExceptionHandler never
    /// names the field. Fix: services.Configure&lt;RouteHandlerOptions&gt;(o =&gt; o.ThrowOnBadRequest = true).
    /// </summary>
    [Theory]
    [InlineData("referredBy")]
    [InlineData("educationLevel")]
    [InlineData("timeInPublicSupport")]
    [InlineData("occupationAtStart")]
    public async Task Register_UnknownCodeValue_Returns400NamingTheField(string field)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body[field] = "Foo";

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Register_CodeAsInteger_Returns400NamingTheField()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["referredBy"] = 1;

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "referredBy");
    }

    [Fact]
    public async Task Register_UnknownIncomeSourceInTheList_Returns400NamingTheEntry()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["incomeSourcesAtStart"] = new JsonArray("Salary", "Foo");

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "incomeSourcesAtStart[1]");
    }

    [Theory]
    [InlineData("referredBy", "\"Foo\"")]
    [InlineData("referredBy", "1")]
    [InlineData("homeMunicipalty", "\"Borås\"")]
    public async Task Register_UnknownCodeOrField_Returns400AndRegistersNothing(string field, string json)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(json);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_UnknownField_Returns400NamingTheField()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        body["homeMunicipalty"] = "Borås";

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "homeMunicipalty");
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var response = await Coach.PostRawAsync($"/api/v1/interventions/{intervention.Id}/participations", "{\"startDate\": \"2026-03-02\",");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Register_InvalidJsonWithPersonnummer_DoesNotEchoTheNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();

        var response = await Coach.PostRawAsync($"/api/v1/interventions/{intervention.Id}/participations",
            $"{{\"personalIdentityNumber\": {pnr}, \"startDate\": 5}}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(pnr, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIntervention_OrientationAsInteger_Returns400Orientation()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var body = TestData.Intervention(provider.Id, Mode.Identified, TestDates.InterventionStart, null);
        body["orientation"] = 0;

        var response = await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "orientation");
    }
}
