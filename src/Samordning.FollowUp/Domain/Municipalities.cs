using System.Globalization;
using System.Text;

namespace Samordning.FollowUp.Domain;

/// <summary>One of Sweden's municipalities, as the statistics agency numbers them.</summary>
public sealed record Municipality(string Code, string Name, string CountyCode, string County);

/// <summary>
/// Sweden's 290 municipalities with their four-digit codes (db/seed/kommuner.csv, embedded in the
/// assembly, so nothing outside it is read at run time). A home municipality is one of these names;
/// what was typed without å, ä, ö or in another case is recognised so that the message can
/// suggest the right name ("Boras" → "Borås").
/// </summary>
public static class Municipalities
{
    private const string Resource = "Samordning.FollowUp.Domain.kommuner.csv";

    private static readonly Lazy<IReadOnlyList<Municipality>> List = new(Read);

    private static readonly Lazy<Dictionary<string, Municipality>> ByName =
        new(() => List.Value.ToDictionary(m => m.Name, StringComparer.Ordinal));

    private static readonly Lazy<ILookup<string, Municipality>> ByFolded =
        new(() => List.Value.ToLookup(m => Fold(m.Name), StringComparer.Ordinal));

    /// <summary>Every municipality, in the order of their codes.</summary>
    public static IReadOnlyList<Municipality> All => List.Value;

    /// <summary>The municipality of exactly this name (surrounding spaces aside), or null.</summary>
    public static Municipality? Find(string? name) =>
        name is not null && ByName.Value.TryGetValue(name.Trim(), out var municipality) ? municipality : null;

    /// <summary>
    /// The municipality that <paramref name="typed"/> most likely means when it is not an exact name:
    /// the same letters without regard to case, accents, å/ä/ö, hyphens and spaces, or a trailing
    /// "kommun". Null when nothing, or more than one municipality, matches.
    /// </summary>
    public static Municipality? Suggest(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var folded = Fold(typed);
        if (folded.EndsWith("kommun", StringComparison.Ordinal) && folded.Length > "kommun".Length)
        {
            var without = folded[..^"kommun".Length];
            if (ByFolded.Value[without].Count() == 1)
            {
                return ByFolded.Value[without].Single();
            }
        }

        var matches = ByFolded.Value[folded].ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Lower case, letters only, without diacritics ("Upplands Väsby" → "upplandsvasby").</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static List<Municipality> Read()
    {
        using var stream = typeof(Municipalities).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded list of municipalities ({Resource}) is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != "kod;kommun;lanskod;lan")
        {
            throw new InvalidDataException($"kommuner.csv: unexpected columns '{header}'.");
        }

        var list = new List<Municipality>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(';');
            list.Add(new Municipality(parts[0], parts[1], parts[2], parts[3]));
        }

        return list;
    }
}
