using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Tests.Security;

// The personal-data API as a client sees it: codes are plain strings.

public sealed record IdentityDto(long ParticipationId, string PersonalIdentityNumber, bool IsCoordinationNumber);

public sealed record FindParticipantDto(bool Found, IReadOnlyList<ParticipationDto> Participations);

public sealed record AuditEntryDto(
    long Id,
    DateTime AtUtc,
    string? UserId,
    string UserName,
    string? Role,
    string Action,
    string ActionLabel,
    string EntityType,
    string? EntityId,
    long? AssociationId,
    long? ProviderId,
    string? Detail);

public sealed record DataSubjectExportDto(
    string PersonalIdentityNumber,
    string Provider,
    string Gender,
    int? BirthYear,
    DateTime RegisteredAtUtc,
    IReadOnlyList<ExportedParticipationDto> Participations,
    IReadOnlyList<ExportedAccessDto> IdentityAccess,
    DateTime ExportedAtUtc);

public sealed record ExportedParticipationDto(string Intervention, ParticipationDto Participation, ExportedFollowUpDto? FollowUp);

public sealed record ExportedFollowUpDto(
    DateOnly DueDate, string Status, string? Outcome, DateOnly? ContactedOn, string? Occupation, int? ExtentPercent,
    IReadOnlyList<string>? IncomeSources);

public sealed record ExportedAccessDto(DateTime AtUtc, string UserName, string Action);

public sealed record EraseDataSubjectDto(int ParticipationsKeptAnonymous, DateTime ErasedAtUtc);

public sealed record CurrentUserDto(
    string Id, string Email, string DisplayName, string Role, string RoleLabel, long? AssociationId, long? ProviderId);

public sealed record AccessTokenDto(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>Every way a personnummer can be written, and where one turns up.</summary>
public static class PersonnummerForms
{
    /// <summary>12 digits, YYYYMMDD-NNNN, 10 digits, YYMMDD-NNNN and YYMMDD+NNNN.</summary>
    public static string[] All(string twelveDigits) =>
    [
        twelveDigits,
        TestPersonnummer.WithDash(twelveDigits),
        TenDigits(twelveDigits),
        TenDigitsWithDash(twelveDigits),
        $"{twelveDigits[2..8]}+{twelveDigits[8..]}",
    ];

    public static string TenDigits(string twelveDigits) => twelveDigits[2..];

    public static string TenDigitsWithDash(string twelveDigits) => $"{twelveDigits[2..8]}-{twelveDigits[8..]}";

    /// <summary>The number in any of its forms: optional century, optional '-' or '+'.</summary>
    public static Regex Pattern(string twelveDigits) =>
        new($"(?:{twelveDigits[..2]})?{twelveDigits[2..8]}[-+]?{twelveDigits[8..]}", RegexOptions.CultureInvariant);

    /// <summary>"number (as form)" for each number found in the text, in any form.</summary>
    public static List<string> FoundIn(string text, IEnumerable<string> numbers) =>
        [.. numbers.Where(n => Pattern(n).IsMatch(text)).Select(n => $"{n} (as '{Pattern(n).Match(text).Value}')")];

    /// <summary>"number (as form, encoding)" for each number found in the bytes as UTF-8/ASCII or UTF-16.</summary>
    public static List<string> FoundIn(ReadOnlySpan<byte> bytes, IEnumerable<string> numbers)
    {
        var found = new List<string>();
        foreach (var number in numbers)
        {
            foreach (var form in All(number))
            {
                if (bytes.IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                {
                    found.Add($"{number} (as '{form}', UTF-8)");
                }

                if (bytes.IndexOf(Encoding.Unicode.GetBytes(form)) >= 0 || bytes.IndexOf(Encoding.BigEndianUnicode.GetBytes(form)) >= 0)
                {
                    found.Add($"{number} (as '{form}', UTF-16)");
                }
            }
        }

        return found;
    }

    /// <summary>Columns (table.column) whose value holds one of the numbers in any form, as text or as bytes.</summary>
    public static List<string> FoundInRows(
        string table, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, IReadOnlyList<string> numbers)
    {
        var found = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (column, value) in row)
            {
                List<string> hits = value switch
                {
                    null => [],
                    byte[] bytes => FoundIn(bytes, numbers),
                    string text => FoundIn(text, numbers),
                    System.Collections.IEnumerable items => FoundIn(
                        string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture))), numbers),
                    _ => FoundIn(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, numbers),
                };
                found.AddRange(hits.Select(h => $"{table}.{column}: {h}"));
            }
        }

        return found;
    }
}

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
