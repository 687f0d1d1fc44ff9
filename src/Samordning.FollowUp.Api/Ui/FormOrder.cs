using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// The error summary lists the form's errors in the order of its fields, not in the order the
/// binding, the validator and the handler's rules happened to find them. The forms show their
/// fields in the order the bound model declares its properties (base record first), so a field
/// key ("Input.Consent.Date", "Input.IncomeSourcesAtStart[1]") is ranked by the position of each
/// of its parts in the declaring types. A message for the whole form (no key) comes first; a key
/// the model does not declare keeps its place after the declared ones.
/// </summary>
public static class FormOrder
{
    public static IEnumerable<(string Key, string Message)> Errors(ModelStateDictionary modelState, Type? formOwner)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState
            .SelectMany(entry => (entry.Value?.Errors ?? []).Select(e => (Key: entry.Key, Message: e.ErrorMessage)))
            .Select((error, index) => (error, rank: Rank(formOwner, error.Key), index))
            .OrderBy(x => x.rank, RankComparer.Instance)
            .ThenBy(x => x.index)
            .Select(x => x.error);
    }

    private static int[] Rank(Type? owner, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return [-1];
        }

        var rank = new List<int>();
        var type = owner;
        foreach (var raw in key.Split('.'))
        {
            var bracket = raw.IndexOf('[', StringComparison.Ordinal);
            var name = bracket >= 0 ? raw[..bracket] : raw;
            var properties = type is null ? [] : Declared(type);
            var position = properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (position < 0)
            {
                rank.Add(int.MaxValue);
                break;
            }

            rank.Add(position);
            var propertyType = properties[position].PropertyType;
            type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        }

        return [.. rank];
    }

    /// <summary>Public properties in declaration order, a base type's before a derived type's.</summary>
    private static List<PropertyInfo> Declared(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Insert(0, t);
        }

        return [.. chain.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .OrderBy(p => p.MetadataToken))];
    }

    private sealed class RankComparer : IComparer<int[]>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            x ??= [];
            y ??= [];
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
