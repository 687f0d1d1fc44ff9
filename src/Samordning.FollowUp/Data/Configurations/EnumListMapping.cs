using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samordning.FollowUp.Data.Configurations;

/// <summary>
/// A list of code-list values stored as a JSON array of their names (a primitive collection), with
/// a value comparer of our own. The comparer EF Core builds for a primitive collection whose
/// elements are converted compiled a delegate inside every <c>Equals</c> it ran, so each
/// <c>SaveChanges</c> of a participation spent a fifth of an intake's time compiling (a trace of the
/// intake benchmark, README, "Performance"). This one compares, hashes and copies element by element.
/// </summary>
internal static class EnumListMapping
{
    public static PrimitiveCollectionBuilder<List<T>> EnumNames<T>(this PrimitiveCollectionBuilder<List<T>> builder)
        where T : struct, Enum
    {
        builder.ElementType(e => e.HasConversion<string>());
        builder.Metadata.SetValueComparer(new EnumListComparer<T>());
        return builder;
    }

    private sealed class EnumListComparer<T>() : ValueComparer<List<T>>(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        list => Hash(list),
        list => list.ToList())
        where T : struct, Enum
    {
        private static int Hash(List<T> list)
        {
            var hash = new HashCode();
            foreach (var item in list)
            {
                hash.Add(item);
            }

            return hash.ToHashCode();
        }
    }
}
