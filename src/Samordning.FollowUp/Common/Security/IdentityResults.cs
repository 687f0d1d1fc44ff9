using Microsoft.AspNetCore.Identity;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>Identity's results as the service's errors: field-named Swedish messages.</summary>
internal static class IdentityResults
{
    public static async Task CreateAsync(UserManager<UserAccount> users, UserAccount user, string? password)
    {
        var result = string.IsNullOrEmpty(password)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "Ange ett lösenord." })
            : await users.CreateAsync(user, password);
        ThrowIfFailed(result);
    }

    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray());
        throw new RuleViolationException(errors);
    }
}
