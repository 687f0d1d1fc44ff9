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

/// <summary>The Luhn (mod 10) check used by personnummer and organisation numbers.</summary>
public static class Luhn
{
    /// <summary>Checks the last digit against the ones before it (weights 2,1,2,1… from the left).</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length - 1; i++)
        {
            var d = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }

        return (10 - (sum % 10)) % 10 == digits[^1] - '0';
    }
}
