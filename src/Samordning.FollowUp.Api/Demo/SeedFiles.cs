using System.Globalization;
using System.Text;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Api.Demo;

/// <summary>One row of db/seed/sjuharad-plans.csv: an intervention in an adopted plan, per municipality.</summary>
internal sealed record PlanRow(
    int Year,
    string Intervention,
    Orientation Orientation,
    InterventionCategory Category,
    RegistrationMode RegistrationMode,
    string Municipality,
    int PlannedParticipants,
    long BudgetSek,
    int? ExpectedWeeks);

/// <summary>
/// Reads the files that the build copies from db/seed to the output folder's seed/ (never from
/// ../shared, which a clone elsewhere does not have).
/// </summary>
internal static class SeedFiles
{
    public const string PlansFile = "sjuharad-plans.csv";
    public const string TestPersonsFile = "testpersonnummer-1890-1999.txt";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seed");

    public static async Task<IReadOnlyList<PlanRow>> ReadPlansAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);
        var header = SplitCsvLine(lines[0]);
        string[] expected = ["year", "intervention", "orientation", "category", "registration_mode", "municipality",
            "planned_participants", "budget_tkr", "expected_weeks"];
        if (!header.SequenceEqual(expected))
        {
            throw new InvalidDataException($"{PlansFile}: unexpected columns '{lines[0]}'.");
        }

        var rows = new List<PlanRow>();
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)).Where(x => !string.IsNullOrWhiteSpace(x.l)))
        {
            var f = SplitCsvLine(line);
            if (f.Count != expected.Length)
            {
                throw new InvalidDataException($"{PlansFile} line {number}: expected {expected.Length} fields, found {f.Count}.");
            }

            rows.Add(new PlanRow(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                f[1],
                Enum.Parse<Orientation>(f[2]),
                Enum.Parse<InterventionCategory>(f[3]),
                Enum.Parse<RegistrationMode>(f[4]),
                f[5],
                int.Parse(f[6], CultureInfo.InvariantCulture),
                long.Parse(f[7], CultureInfo.InvariantCulture) * 1000,
                f[8].Length == 0 ? null : int.Parse(f[8], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Skatteverket's test personnummer that are valid on <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<PersonalIdentityNumber>> ReadTestPersonsAsync(
        string path, DateOnly today, CancellationToken cancellationToken)
    {
        var numbers = new List<PersonalIdentityNumber>();
        foreach (var line in await File.ReadAllLinesAsync(path, Encoding.ASCII, cancellationToken))
        {
            if (PersonalIdentityNumber.TryParse(line, today, out var number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    /// <summary>RFC 4180 fields of one line: commas, double quotes, "" inside quotes.</summary>
    internal static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
