using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common;

/// <summary>Swedish organisation numbers: ten digits, NNNNNN-NNNN, Luhn check digit.</summary>
public static class OrganisationNumbers
{
    public static bool IsValid(string value)
    {
        var digits = Digits(value);
        return digits is not null && Luhn.IsValid(digits);
    }

    public static string? Normalise(string? value) =>
        value is null ? null : Digits(value) is { } d ? $"{d[..6]}-{d[6..]}" : null;

    private static string? Digits(string value)
    {
        var v = value.Trim();
        if (v.Length == 11 && v[6] == '-')
        {
            v = v.Remove(6, 1);
        }

        return v.Length == 10 && v.All(char.IsAsciiDigit) ? v : null;
    }
}
