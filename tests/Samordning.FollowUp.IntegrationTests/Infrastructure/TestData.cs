using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

public enum Mode
{
    Identified,
    AnonymousIndividual,
    CountOnly,
}

/// <summary>Builds what a test needs through the API, and the request bodies it sends.</summary>
public sealed partial class TestData(TestUsers users)
{
    private readonly Dictionary<long, long> _providerOfIntervention = [];
    private int _sequence;
    private long? _homeAssociationId;
    private long? _homeProviderId;

    /// <summary>The first association this test created: the one <c>Office</c> and <c>Board</c> belong to.</summary>
    public long HomeAssociationId => _homeAssociationId ?? throw new InvalidOperationException("Create an association first.");

    /// <summary>The first provider this test created: the one <c>Coach</c> works for.</summary>
    public long HomeProviderId => _homeProviderId ?? throw new InvalidOperationException("Create a provider first.");

    /// <summary>The coach of the provider that runs the intervention.</summary>
    public async Task<ApiClient> CoachOfAsync(long interventionId) =>
        _providerOfIntervention.TryGetValue(interventionId, out var providerId)
            ? users.CoachOf(providerId)
            : await users.CoachOfInterventionAsync(interventionId);

    // ---- arrange through the API ----

    public async Task<AssociationDto> AssociationAsync(string? name = null)
    {
        var response = await users.Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = name ?? Unique("Förbundet") });
        return Remember(await response.ShouldBeAsync<AssociationDto>(HttpStatusCode.Created));
    }

    public async Task<ProviderDto> ProviderAsync(long associationId, string? name = null)
    {
        var response = await users.OfficeOf(associationId).PostAsync($"/api/v1/associations/{associationId}/providers", new JsonObject { ["name"] = name ?? Unique("Utföraren") });
        return Remember(await response.ShouldBeAsync<ProviderDto>(HttpStatusCode.Created));
    }

    /// <summary>An intervention in a new association and provider; by default it runs 2026-01-01 – 2027-12-31.</summary>
    public async Task<InterventionDto> InterventionAsync(
        Mode mode = Mode.Identified, DateOnly? start = null, DateOnly? end = null, bool openEnded = false)
    {
        var association = await AssociationAsync();
        var provider = await ProviderAsync(association.Id);
        return await InterventionAsync(association.Id, provider.Id, mode, start, end, openEnded);
    }

    public async Task<InterventionDto> InterventionAsync(
        long associationId, long providerId, Mode mode = Mode.Identified, DateOnly? start = null, DateOnly? end = null, bool openEnded = false)
    {
        var body = Intervention(providerId, mode, start ?? TestDates.InterventionStart, openEnded ? null : end ?? TestDates.InterventionEnd);
        var response = await users.OfficeOf(associationId).PostAsync($"/api/v1/associations/{associationId}/interventions", body);
        return Remember(await response.ShouldBeAsync<InterventionDto>(HttpStatusCode.Created));
    }

    public async Task<ParticipationDto> ParticipationAsync(long interventionId, JsonObject body)
    {
        var response = await (await CoachOfAsync(interventionId)).PostAsync($"/api/v1/interventions/{interventionId}/participations", body);
        var participation = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        _interventionOfParticipation[participation.Id] = interventionId;
        return participation;
    }

    public async Task<ParticipationDto> ExitAsync(long participationId, JsonObject body)
    {
        var response = await (await CoachOfParticipationAsync(participationId)).PostAsync($"/api/v1/participations/{participationId}/exit", body);
        return await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
    }

    public async Task<PageDto<ParticipationDto>> ParticipationsAsync(long interventionId, string query = "")
    {
        var response = await (await CoachOfAsync(interventionId)).GetAsync($"/api/v1/interventions/{interventionId}/participations{query}");
        return await response.ShouldBeAsync<PageDto<ParticipationDto>>(HttpStatusCode.OK);
    }

    /// <summary>The coach of the provider whose intervention the participation belongs to.</summary>
    public async Task<ApiClient> CoachOfParticipationAsync(long participationId)
    {
        if (_interventionOfParticipation.TryGetValue(participationId, out var interventionId))
        {
            return await CoachOfAsync(interventionId);
        }

        return await users.CoachOfParticipationAsync(participationId);
    }

    private readonly Dictionary<long, long> _interventionOfParticipation = [];

    private AssociationDto Remember(AssociationDto association)
    {
        _homeAssociationId ??= association.Id;
        return association;
    }

    private ProviderDto Remember(ProviderDto provider)
    {
        _homeProviderId ??= provider.Id;
        return provider;
    }

    private InterventionDto Remember(InterventionDto intervention)
    {
        _providerOfIntervention[intervention.Id] = intervention.ProviderId;
        return intervention;
    }

    // ---- request bodies ----

    public static JsonObject Intervention(long providerId, Mode mode, DateOnly start, DateOnly? end)
    {
        var structural = mode == Mode.CountOnly;
        return new JsonObject
        {
            ["name"] = structural ? "Kompetensutveckling för handläggare" : "Steg till arbete",
            ["providerId"] = providerId,
            ["orientation"] = structural ? "Structural" : "IndividualFocused",
            ["category"] = structural ? "Training" : "Preparatory",
            ["registrationMode"] = mode.ToString(),
            ["municipalities"] = new JsonArray("Borås", "Mark"),
            ["startDate"] = Date(start),
            ["endDate"] = end is { } e ? Date(e) : null,
            ["expectedLengthWeeks"] = 26,
            ["targetGroup"] = "Unga vuxna 18–29 år",
        };
    }

    /// <summary>A complete, valid registration of an identified participant with written consent.</summary>
    public static JsonObject Identified(string personalIdentityNumber, DateOnly? start = null)
    {
        var body = StartSituation(start ?? TestDates.Start);
        body["personalIdentityNumber"] = personalIdentityNumber;
        body["consent"] = new JsonObject
        {
            ["date"] = Date(start ?? TestDates.Start),
            ["textVersion"] = "2026-01",
            ["collectedBy"] = "Handläggare Åsa Öberg",
        };
        return body;
    }

    /// <summary>A complete, valid registration of an anonymous participant.</summary>
    public static JsonObject Anonymous(string gender = "Woman", int birthYear = 1990, DateOnly? start = null)
    {
        var body = StartSituation(start ?? TestDates.Start);
        body["gender"] = gender;
        body["birthYear"] = birthYear;
        return body;
    }

    public static JsonObject Exit(DateOnly endDate, string exitReason = "PlannedCompletion", string? occupation = "Employed") => new()
    {
        ["endDate"] = Date(endDate),
        ["exitReason"] = exitReason,
        ["occupation"] = occupation,
        ["extentPercent"] = occupation is null ? null : 50,
        ["incomeSources"] = new JsonArray("Salary"),
        ["stepAtExit"] = 4,
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject StartSituation(DateOnly start) => new()
    {
        ["startDate"] = Date(start),
        ["homeMunicipality"] = "Borås",
        ["referredBy"] = "SocialInsuranceAgency",
        ["educationLevel"] = "UpperSecondary",
        ["timeInPublicSupport"] = "OneToTwoYears",
        ["occupationAtStart"] = "SickLeave",
        ["extentPercentAtStart"] = 25,
        ["incomeSourcesAtStart"] = new JsonArray("SicknessBenefit", "FinancialAssistance"),
        ["stepAtStart"] = 2,
    };

    private string Unique(string prefix) => $"{prefix} {++_sequence}";
}
