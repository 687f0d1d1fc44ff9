namespace Samordning.FollowUp.Domain;

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
