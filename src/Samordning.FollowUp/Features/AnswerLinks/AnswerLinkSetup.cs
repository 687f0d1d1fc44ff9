using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Features.AnswerLinks;

public static class AnswerLinkSetup
{
    /// <summary>The answer page's rate limit: every request (opening and answering), per client address.</summary>
    public const string RateLimit = "answer-link";

    public static IServiceCollection AddAnswerLinks(this IServiceCollection services)
    {
        services.AddOptions<AnswerLinkOptions>().BindConfiguration(AnswerLinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<SmsGateway>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<SelfReport>();
        services.AddRateLimiter(options => options.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            "answer:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<AnswerLinkOptions>>().Value.AttemptsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        return services;
    }
}
