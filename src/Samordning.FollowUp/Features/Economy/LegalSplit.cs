using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>A member as the legal split needs it: its kind and, for a municipality, its population.</summary>
public sealed record SplitMember(long Key, MemberKind Kind, int? Population);

/// <summary>The members' contributions computed from a total: each member's amount and the three parts.</summary>
/// <param name="Amounts">Per member key; a municipality is missing here when any municipality lacks its population.</param>
public sealed record SplitResult(IReadOnlyDictionary<long, long> Amounts, long StatePart, long RegionPart, long MunicipalPart, IReadOnlyList<string> Problems);

/// <summary>
/// The split in lag (2003:1210) om finansiell samordning: the state half (shared equally among the
/// state's members, Försäkringskassan and Arbetsförmedlingen where both are listed), the region a
/// quarter, the municipalities a quarter shared by population. Amounts are whole multiples of the
/// rounding unit; each level is apportioned by the largest remainder, so the parts add up to the
/// total and the members of a part to that part.
/// </summary>
public static class LegalSplit
{
    public static SplitResult Split(long total, int roundingUnit, IReadOnlyList<SplitMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var problems = new List<string>();
        var unit = roundingUnit < 1 ? 1 : roundingUnit;
        if (total % unit != 0)
        {
            problems.Add($"Totalen {SwedishFormat.Kronor(total)} går inte jämnt upp i avrundningen till {SwedishFormat.Kronor(unit)}; beloppen räknas i hela kronor.");
            unit = 1;
        }

        var parts = Apportionment.LargestRemainder(total / unit, [2, 1, 1]);
        var amounts = new Dictionary<long, long>();
        Share(MemberKind.State, parts[0], _ => 1, "staten");
        Share(MemberKind.Region, parts[1], _ => 1, "regionen");
        // A municipality without a population gets no computed amount: the financing plan names it.
        var municipalities = members.Where(m => m.Kind == MemberKind.Municipality).ToList();
        if (municipalities.Count > 0 && municipalities.All(m => m.Population is > 0))
        {
            Share(MemberKind.Municipality, parts[2], m => m.Population!.Value, "kommunerna");
        }
        else if (municipalities.Count == 0)
        {
            problems.Add($"Ingen medlem för kommunerna: den delen ({SwedishFormat.Kronor(parts[2] * unit)}) fördelas inte.");
        }

        return new SplitResult(amounts, parts[0] * unit, parts[1] * unit, parts[2] * unit, problems);

        void Share(MemberKind kind, long units, Func<SplitMember, long> weight, string who)
        {
            var ofKind = members.Where(m => m.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                problems.Add($"Ingen medlem för {who}: den delen ({SwedishFormat.Kronor(units * unit)}) fördelas inte.");
                return;
            }

            var shares = Apportionment.LargestRemainder(units, [.. ofKind.Select(weight)]);
            for (var i = 0; i < ofKind.Count; i++)
            {
                amounts[ofKind[i].Key] = shares[i] * unit;
            }
        }
    }

    /// <summary>The part of the total that the law gives a kind of member.</summary>
    public static long PartOf(SplitResult split, MemberKind kind)
    {
        ArgumentNullException.ThrowIfNull(split);
        return kind switch
        {
            MemberKind.State => split.StatePart,
            MemberKind.Region => split.RegionPart,
            _ => split.MunicipalPart,
        };
    }
}
