using Hangfire.Dashboard;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Jobs;

/// <summary>The Hangfire dashboard: system administrators; in Development also any local request.</summary>
public sealed class DashboardAuthorization(bool allowLocalRequests) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (http.User.IsInRole(nameof(UserRole.SystemAdmin)))
        {
            return true;
        }

        return allowLocalRequests && new LocalRequestsOnlyAuthorizationFilter().Authorize(context);
    }
}
