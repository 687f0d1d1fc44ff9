using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Samordning.FollowUp.Common;

/// <summary>Swedish labels of the code lists, read once from their Display attributes.</summary>
public static class CodeLabels
{
    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.Labels[value];

    public static IReadOnlyList<CodeLabel> All<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => new CodeLabel(v.ToString(), Label(v)))];

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Labels = Enum.GetValues<TEnum>().ToFrozenDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());
    }
}

public sealed record CodeLabel(string Code, string Label);
