using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Builders for follow-ups, indicators and notifications (issue 3).</summary>
public sealed partial class TestData
{
    // ---- arrange through the API ----

    public async Task<AssociationDto> AssociationAsync(int smallNumberThreshold, string? name = null)
    {
        var response = await users.Admin.PostAsync("/api/v1/associations", new JsonObject
        {
            ["name"] = name ?? Unique("Förbundet"),
            ["smallNumberThreshold"] = smallNumberThreshold,
        });
        return Remember(await response.ShouldBeAsync<AssociationDto>(HttpStatusCode.Created));
    }

    public async Task<ProviderDto> ProviderAsync(long associationId, string name, string? contactEmail)
    {
        var response = await users.OfficeOf(associationId).PostAsync($"/api/v1/associations/{associationId}/providers", new JsonObject
        {
            ["name"] = name,
            ["contactEmail"] = contactEmail,
        });
        return Remember(await response.ShouldBeAsync<ProviderDto>(HttpStatusCode.Created));
    }

    /// <summary>An intervention with any orientation, category and mode (the other builders pair them by mode).</summary>
    public async Task<InterventionDto> InterventionAsync(
        long associationId, long providerId, string orientation, string category, Mode mode, DateOnly start, DateOnly? end, string? name = null)
    {
        var body = Intervention(providerId, mode, start, end);
        body["orientation"] = orientation;
        body["category"] = category;
        if (name is not null)
        {
            body["name"] = name;
        }

        var response = await users.OfficeOf(associationId).PostAsync($"/api/v1/associations/{associationId}/interventions", body);
        return Remember(await response.ShouldBeAsync<InterventionDto>(HttpStatusCode.Created));
    }

    /// <summary>Count-only figures for one tertial (T1 unless told: where a yearly figure was, the migration put it too).</summary>
    public async Task<SetCountDto> CountAsync(long interventionId, int year, int women, int men, int tertial = 1)
    {
        var response = await (await CoachOfAsync(interventionId)).PutAsync($"/api/v1/interventions/{interventionId}/counts/{year}/{tertial}", new JsonObject { ["women"] = women, ["men"] = men });
        return await response.ShouldBeAsync<SetCountDto>(HttpStatusCode.OK);
    }

    public async Task<ParticipationDto> CorrectExitAsync(long participationId, JsonObject body)
    {
        var response = await (await CoachOfParticipationAsync(participationId)).PutAsync($"/api/v1/participations/{participationId}/exit", body);
        return await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
    }

    /// <summary>Registers an identified participant and records the exit; steps may be left out (null).</summary>
    public async Task<ParticipationDto> IdentifiedExitAsync(
        long interventionId, string personnummer, DateOnly start, DateOnly end, string exitReason = "PlannedCompletion",
        string? occupation = "Employed", int? stepAtStart = 2, int? stepAtExit = 4)
    {
        var body = Identified(personnummer, start);
        body["stepAtStart"] = stepAtStart;
        var participation = await ParticipationAsync(interventionId, body);
        var exit = Exit(end, exitReason, occupation);
        exit["stepAtExit"] = stepAtExit;
        return await ExitAsync(participation.Id, exit);
    }

    /// <summary>Registers an anonymous participant and records the exit.</summary>
    public async Task<ParticipationDto> AnonymousExitAsync(
        long interventionId, string gender, DateOnly start, DateOnly end, string exitReason = "PlannedCompletion",
        string? occupation = "Employed", int? stepAtStart = 2, int? stepAtExit = 4)
    {
        var body = Anonymous(gender, 1988, start);
        body["stepAtStart"] = stepAtStart;
        var participation = await ParticipationAsync(interventionId, body);
        var exit = Exit(end, exitReason, occupation);
        exit["stepAtExit"] = stepAtExit;
        return await ExitAsync(participation.Id, exit);
    }

    /// <summary>Follow-ups as a coach sees them: the test's first provider's coach unless another client is given.</summary>
    public async Task<PageDto<FollowUpDto>> FollowUpsAsync(string query = "", ApiClient? coach = null)
    {
        var response = await (coach ?? users.CoachOf(HomeProviderId)).GetAsync($"/api/v1/follow-ups{query}");
        return await response.ShouldBeAsync<PageDto<FollowUpDto>>(HttpStatusCode.OK);
    }

    /// <summary>The follow-up of a participation, or null when it has none.</summary>
    public async Task<FollowUpDto?> FollowUpOfAsync(long participationId)
    {
        var all = await FollowUpsAsync("?pageSize=200", await CoachOfParticipationAsync(participationId));
        return all.Items.SingleOrDefault(f => f.ParticipationId == participationId);
    }

    /// <summary>Records the result; for "Unreachable" first the two tries the rule asks for (the day before and the day itself).</summary>
    public async Task<FollowUpDto> RecordFollowUpAsync(long followUpId, JsonObject body)
    {
        var coach = await users.CoachOfFollowUpAsync(followUpId);
        if (body["outcome"]?.GetValue<string>() == "Unreachable")
        {
            var contactedOn = DateOnly.Parse(body["contactedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            await ContactAttemptAsync(followUpId, contactedOn.AddDays(-1), "NoAnswer");
            await ContactAttemptAsync(followUpId, contactedOn, "NoAnswer");
        }

        var response = await coach.PostAsync($"/api/v1/follow-ups/{followUpId}/result", body);
        return await response.ShouldBeAsync<FollowUpDto>(HttpStatusCode.OK);
    }

    public async Task<ContactAttemptsDto> ContactAttemptAsync(long followUpId, DateOnly attemptedOn, string outcome)
    {
        var response = await (await users.CoachOfFollowUpAsync(followUpId)).PostAsync($"/api/v1/follow-ups/{followUpId}/contact-attempts",
            new JsonObject { ["attemptedOn"] = Date(attemptedOn), ["outcome"] = outcome });
        return await response.ShouldBeAsync<ContactAttemptsDto>(HttpStatusCode.OK);
    }

    public async Task<IndicatorsDto> IndicatorsAsync(long associationId, int year, int? tertial, string mode, long? interventionId = null)
    {
        var query = $"?year={year}&mode={mode}"
            + (tertial is { } t ? $"&tertial={t}" : string.Empty)
            + (interventionId is { } i ? $"&interventionId={i}" : string.Empty);
        var response = await users.OfficeOf(associationId).GetAsync($"/api/v1/associations/{associationId}/indicators{query}");
        return await response.ShouldBeAsync<IndicatorsDto>(HttpStatusCode.OK);
    }

    /// <summary>Notifications as the given client (by default the first provider's coach) sees them.</summary>
    public async Task<PageDto<NotificationDto>> NotificationsAsync(string query = "", ApiClient? reader = null)
    {
        var response = await (reader ?? users.CoachOf(HomeProviderId)).GetAsync($"/api/v1/notifications{query}");
        return await response.ShouldBeAsync<PageDto<NotificationDto>>(HttpStatusCode.OK);
    }

    // ---- request bodies ----

    public static JsonObject FollowUpResult(string outcome, DateOnly contactedOn, string? occupation = null) => new()
    {
        ["outcome"] = outcome,
        ["contactedOn"] = Date(contactedOn),
        ["occupation"] = occupation,
        ["extentPercent"] = occupation is null ? null : 75,
        ["incomeSources"] = occupation is null ? new JsonArray() : new JsonArray("Salary"),
    };
}
