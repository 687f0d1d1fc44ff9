using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>
/// The answer link's token: 256 random bits, URL-safe; only its SHA-256 is stored. A plain hash is
/// enough here (unlike a personnummer, the token's space cannot be searched).
/// </summary>
internal static class AnswerTokens
{
    public const int Bytes = 32;

    public const string Page = "/svara";

    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>The hash of a token as typed or clicked; null when it cannot be one (nothing is looked up).</summary>
    public static byte[]? Hash(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 43)
        {
            return null;
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }

    public static string Link(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}{Page}?token={token}";
}
