using System.Text;
using System.Text.RegularExpressions;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Every way a personnummer can be written, and where one turns up.</summary>
public static class PersonnummerForms
{
    /// <summary>12 digits, YYYYMMDD-NNNN, 10 digits, YYMMDD-NNNN and YYMMDD+NNNN.</summary>
    public static string[] All(string twelveDigits) =>
    [
        twelveDigits,
        TestPersonnummer.WithDash(twelveDigits),
        TenDigits(twelveDigits),
        TenDigitsWithDash(twelveDigits),
        $"{twelveDigits[2..8]}+{twelveDigits[8..]}",
    ];

    public static string TenDigits(string twelveDigits) => twelveDigits[2..];

    public static string TenDigitsWithDash(string twelveDigits) => $"{twelveDigits[2..8]}-{twelveDigits[8..]}";

    /// <summary>The number in any of its forms: optional century, optional '-' or '+'.</summary>
    public static Regex Pattern(string twelveDigits) =>
        new($"(?:{twelveDigits[..2]})?{twelveDigits[2..8]}[-+]?{twelveDigits[8..]}", RegexOptions.CultureInvariant);

    /// <summary>"number (as form)" for each number found in the text, in any form.</summary>
    public static List<string> FoundIn(string text, IEnumerable<string> numbers) =>
        [.. numbers.Where(n => Pattern(n).IsMatch(text)).Select(n => $"{n} (as '{Pattern(n).Match(text).Value}')")];

    /// <summary>"number (as form, encoding)" for each number found in the bytes as UTF-8/ASCII or UTF-16.</summary>
    public static List<string> FoundIn(ReadOnlySpan<byte> bytes, IEnumerable<string> numbers)
    {
        var found = new List<string>();
        foreach (var number in numbers)
        {
            foreach (var form in All(number))
            {
                if (bytes.IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                {
                    found.Add($"{number} (as '{form}', UTF-8)");
                }

                if (bytes.IndexOf(Encoding.Unicode.GetBytes(form)) >= 0 || bytes.IndexOf(Encoding.BigEndianUnicode.GetBytes(form)) >= 0)
                {
                    found.Add($"{number} (as '{form}', UTF-16)");
                }
            }
        }

        return found;
    }

    /// <summary>Columns (table.column) whose value holds one of the numbers in any form, as text or as bytes.</summary>
    public static List<string> FoundInRows(
        string table, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, IReadOnlyList<string> numbers)
    {
        var found = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (column, value) in row)
            {
                List<string> hits = value switch
                {
                    null => [],
                    byte[] bytes => FoundIn(bytes, numbers),
                    string text => FoundIn(text, numbers),
                    System.Collections.IEnumerable items => FoundIn(
                        string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture))), numbers),
                    _ => FoundIn(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, numbers),
                };
                found.AddRange(hits.Select(h => $"{table}.{column}: {h}"));
            }
        }

        return found;
    }
}
