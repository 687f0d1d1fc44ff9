using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// Talks to the API like a client does: JSON in, JSON out, and readable failures. A client for a
/// user signs in (POST /api/v1/auth/login) before its first request and sends the bearer token.
/// </summary>
public sealed class ApiClient(HttpClient http, Func<Task<string>>? signIn = null) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private bool _signedIn = signIn is null;

    public HttpClient Http { get; } = http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        await EnsureSignedInAsync();
        return await Http.GetAsync(new Uri(path, UriKind.Relative), Ct);
    }

    /// <summary>Signs in now (normally done before the first request).</summary>
    public async Task EnsureSignedInAsync()
    {
        if (_signedIn)
        {
            return;
        }

        var token = await signIn!();
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        _signedIn = true;
    }

    /// <summary>Signs in again (as a new user of the same kind) before the next request: after a sign-out, the token is dead.</summary>
    public void ForgetSignIn()
    {
        _signedIn = signIn is null;
        Http.DefaultRequestHeaders.Authorization = null;
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string? idempotencyKey = null) =>
        PostRawAsync(path, body.ToJsonString(), idempotencyKey);

    public Task<HttpResponseMessage> PutAsync(string path, JsonNode body) => SendRawAsync(HttpMethod.Put, path, body.ToJsonString());

    /// <summary>Sends the text as it is, for malformed or hand-written bodies.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string json, string? idempotencyKey = null) =>
        SendRawAsync(HttpMethod.Post, path, json, idempotencyKey);

    public Task<HttpResponseMessage> PutRawAsync(string path, string json) => SendRawAsync(HttpMethod.Put, path, json);

    public void Dispose() => Http.Dispose();

    public async Task<HttpResponseMessage> DeleteAsync(string path)
    {
        await EnsureSignedInAsync();
        return await Http.DeleteAsync(new Uri(path, UriKind.Relative), Ct);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json, string? idempotencyKey = null)
    {
        await EnsureSignedInAsync();
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request, Ct);
    }
}

public static class HttpResponseAssertions
{
    /// <summary>Asserts the status code; on failure the message shows the body, which usually says why.</summary>
    public static async Task<HttpResponseMessage> ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return response;
    }

    /// <summary>Asserts the status code and reads the JSON body.</summary>
    public static async Task<T> ShouldBeAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldHaveStatusAsync(expected);
        var value = await response.Content.ReadFromJsonAsync<T>(ApiClient.Json, TestContext.Current.CancellationToken);
        Assert.NotNull(value);
        return value;
    }

    /// <summary>
    /// Asserts an RFC 9457 problem with the given status; when <paramref name="field"/> is given,
    /// asserts the problem names it: in <c>errors</c> (400) or in the <c>field</c> extension (409).
    /// </summary>
    public static async Task<Problem> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        await response.ShouldHaveStatusAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>(ApiClient.Json, TestContext.Current.CancellationToken);
        Assert.NotNull(problem);
        Assert.Equal((int)expected, problem.Status);
        if (field is not null)
        {
            var named = problem.Errors?.Keys.ToList() ?? [];
            if (problem.Field is not null)
            {
                named.Add(problem.Field);
            }

            Assert.True(named.Contains(field), $"Expected the problem to name '{field}' but it names [{string.Join(", ", named)}]: {problem.Detail}");
        }

        return problem;
    }
}

/// <summary>ProblemDetails as a client reads it: errors keyed by camelCase field.</summary>
public sealed record Problem(
    int? Status,
    string? Title,
    string? Detail,
    Dictionary<string, string[]>? Errors,
    string? Field);
