using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>
/// Sends one SMS through the configured HTTP gateway (<see cref="SmsOptions"/>): a form POST of
/// <c>from</c>, <c>to</c> (E.164) and <c>message</c> with HTTP Basic credentials — 46elks'
/// format. Any other answer than 2xx is a failure (the caller tries again on the next run).
/// </summary>
internal sealed class SmsGateway(HttpClient http, IOptions<SmsOptions> options)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(string sender, string to, string message, CancellationToken cancellationToken)
    {
        var sms = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.GatewayUrl)
        {
            Content = new FormUrlEncodedContent([new("from", sender), new("to", to), new("message", message)]),
        };
        if (!string.IsNullOrEmpty(sms.UserName))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sms.UserName}:{sms.Password}")));
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The SMS gateway answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
