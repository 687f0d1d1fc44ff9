using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>A member and what the office has entered for it for one year.</summary>
public sealed record MemberInput(long MemberId, string Name, MemberKind Kind, string? MunicipalityCode, long? EnteredSek, int? Population, DateOnly? PopulationDate);

/// <summary>One member's row of the financing table for a year.</summary>
/// <param name="ComputedSek">The legal split of the total (null without a total, or for a municipality when a population is missing).</param>
/// <param name="AmountSek">The contribution: the entered amount, else the computed one.</param>
/// <param name="ShareOfTotalBasisPoints">The row's share of the rows' sum, basis points (the rows' shares add up to 10 000).</param>
/// <param name="PopulationShareBasisPoints">A municipality's share of the municipalities' population, basis points.</param>
public sealed record FinancingRow(
    long MemberId,
    string Member,
    MemberKind Kind,
    string KindText,
    string? MunicipalityCode,
    int? Population,
    DateOnly? PopulationDate,
    long? EnteredSek,
    long? ComputedSek,
    long? AmountSek,
    int? ShareOfTotalBasisPoints,
    int? PopulationShareBasisPoints);

/// <summary>
/// One year of the financing table: the rows, what they add up to, the legal parts of the
/// printed total, and every way the year does not add up, in Swedish.
/// </summary>
/// <param name="TotalSek">The printed (entered) total; null when only the rows are entered.</param>
/// <param name="AddsUp">False when the rows do not add up to the total or a part differs from its legal share.</param>
public sealed record FinancingYear(
    int Year,
    long? TotalSek,
    int RoundingUnitSek,
    IReadOnlyList<FinancingRow> Rows,
    long RowsSumSek,
    long? StatePartSek,
    long? RegionPartSek,
    long? MunicipalPartSek,
    bool AddsUp,
    IReadOnlyList<string> Problems)
{
    /// <summary>The sum of one kind's rows (the funds by source).</summary>
    public long SumOf(MemberKind kind) => Rows.Where(r => r.Kind == kind).Sum(r => r.AmountSek ?? 0);

    /// <summary>
    /// The year's rows: entered amounts as entered, the others computed from the total by the
    /// legal split; then the checks that the rows add up to the total and each part to its share.
    /// </summary>
    public static FinancingYear Compute(int year, long? total, int roundingUnit, IReadOnlyList<MemberInput> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var problems = new List<string>();
        var split = total is { } t
            ? LegalSplit.Split(t, roundingUnit, [.. members.Select(m => new SplitMember(m.MemberId, m.Kind, m.Population))])
            : null;
        if (split is not null)
        {
            problems.AddRange(split.Problems);
        }

        var amounts = members.Select(m => m.EnteredSek ?? (split is not null && split.Amounts.TryGetValue(m.MemberId, out var a) ? a : null)).ToList();
        var shares = Apportionment.BasisPoints([.. amounts.Select(a => a ?? 0)]);
        var municipalities = members.Where(m => m.Kind == MemberKind.Municipality).ToList();
        var populationShares = municipalities.All(m => m.Population is > 0)
            ? Apportionment.BasisPoints([.. municipalities.Select(m => (long)m.Population!.Value)])
            : null;
        var rows = members.Select((m, i) => new FinancingRow(
            m.MemberId, m.Name, m.Kind, SwedishFormat.Label(m.Kind), m.MunicipalityCode, m.Population, m.PopulationDate,
            m.EnteredSek, split is not null && split.Amounts.TryGetValue(m.MemberId, out var computed) ? computed : null,
            amounts[i], amounts[i] is null ? null : shares[i],
            m.Kind == MemberKind.Municipality && populationShares is not null ? populationShares[municipalities.IndexOf(m)] : null)).ToList();

        foreach (var row in rows.Where(r => r.AmountSek is null))
        {
            problems.Add(total is null
                ? $"Belopp saknas för {row.Member}: ange beloppet, eller förbundets total så att det räknas ut."
                : $"Belopp saknas för {row.Member}: ange beloppet eller befolkningstalet.");
        }

        var sum = rows.Sum(r => r.AmountSek ?? 0);
        var addsUp = true;
        if (total is { } printed && sum != printed)
        {
            addsUp = false;
            problems.Add($"Raderna summerar till {SwedishFormat.Kronor(sum)}, men totalen är {SwedishFormat.Kronor(printed)} (skillnad {SwedishFormat.Kronor(printed - sum)}).");
        }

        if (split is not null)
        {
            foreach (var (kind, part) in new[] { (MemberKind.State, "hälften"), (MemberKind.Region, "en fjärdedel"), (MemberKind.Municipality, "en fjärdedel") })
            {
                var ofKind = rows.Where(r => r.Kind == kind).ToList();
                if (ofKind.Count == 0 || ofKind.Any(r => r.AmountSek is null))
                {
                    continue;
                }

                var legal = LegalSplit.PartOf(split, kind);
                var actual = ofKind.Sum(r => r.AmountSek!.Value);
                if (actual != legal)
                {
                    addsUp = false;
                    problems.Add($"{PartName(kind)} är {SwedishFormat.Kronor(actual)}; enligt lagen är den {part} av totalen, {SwedishFormat.Kronor(legal)} (skillnad {SwedishFormat.Kronor(legal - actual)}).");
                }
            }
        }

        return new FinancingYear(year, total, roundingUnit, rows, sum, split?.StatePart, split?.RegionPart, split?.MunicipalPart, addsUp, problems);
    }

    private static string PartName(MemberKind kind) => kind switch
    {
        MemberKind.State => "Statens del",
        MemberKind.Region => "Regionens del",
        _ => "Kommunernas del",
    };
}
