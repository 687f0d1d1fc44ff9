using System.Globalization;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>Indicator codes in reading order: the letters, then the number as a number (I2 before I10).</summary>
internal sealed class CodeOrder : IComparer<string>
{
    public static readonly CodeOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (prefixX, numberX) = Split(x ?? string.Empty);
        var (prefixY, numberY) = Split(y ?? string.Empty);
        var byPrefix = string.CompareOrdinal(prefixX, prefixY);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        var byNumber = Nullable.Compare(numberX, numberY);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
    }

    private static (string Prefix, long? Number) Split(string code)
    {
        var digits = code.Length;
        while (digits > 0 && char.IsAsciiDigit(code[digits - 1]))
        {
            digits--;
        }

        return digits == code.Length || code.Length - digits > 18
            ? (code, null)
            : (code[..digits], long.Parse(code[digits..], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
