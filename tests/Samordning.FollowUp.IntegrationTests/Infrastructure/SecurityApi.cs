using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>The personal-data and sign-in API as extension methods of the test clients.</summary>
public static class SecurityApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GET /api/v1/audit (one page of up to 200 lines, newest first) as the given user.</summary>
    public static async Task<PageDto<AuditEntryDto>> AuditAsync(this ApiClient client, string query = "")
    {
        var separator = query.Length == 0 ? "?" : "&";
        var response = await client.GetAsync($"/api/v1/audit{query}{separator}pageSize=200");
        return await response.ShouldBeAsync<PageDto<AuditEntryDto>>(HttpStatusCode.OK);
    }

    public static async Task<IdentityDto> IdentityAsync(this ApiClient coach, long participationId) =>
        await (await coach.GetAsync($"/api/v1/participations/{participationId}/identity")).ShouldBeAsync<IdentityDto>(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> SearchAsync(this ApiClient coach, string? personalIdentityNumber) =>
        coach.PostAsync("/api/v1/participations/search", new JsonObject { ["personalIdentityNumber"] = personalIdentityNumber });

    public static Task<HttpResponseMessage> ExportAsync(this ApiClient coach, string personalIdentityNumber) =>
        coach.PostAsync("/api/v1/data-subject/export", new JsonObject { ["personalIdentityNumber"] = personalIdentityNumber });

    public static Task<HttpResponseMessage> EraseAsync(this ApiClient coach, string personalIdentityNumber) =>
        coach.PostAsync("/api/v1/data-subject/erase", new JsonObject { ["personalIdentityNumber"] = personalIdentityNumber });

    public static Task<HttpResponseMessage> WithdrawConsentAsync(this ApiClient coach, long participationId, DateOnly? withdrawnOn = null) =>
        coach.PostAsync($"/api/v1/participations/{participationId}/consent/withdraw",
            new JsonObject { ["withdrawnOn"] = withdrawnOn is { } d ? TestData.Date(d) : null });

    public static async Task<CurrentUserDto> MeAsync(this ApiClient client) =>
        await (await client.GetAsync("/api/v1/auth/me")).ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);

    /// <summary>POST /api/v1/auth/login with a client that is not signed in.</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient http, string? email, string? password) =>
        http.PostAsync(new Uri("/api/v1/auth/login", UriKind.Relative),
            new StringContent(new JsonObject { ["email"] = email, ["password"] = password }.ToJsonString(), Encoding.UTF8, "application/json"),
            Ct);

    public static async Task<string> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(Ct);
}
