using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>A code list as the options of a select: the code as the value, its Swedish label as the text.</summary>
public static class CodeOptions
{
    /// <summary>Every code (or <paramref name="only"/> these), with an empty "Välj …" first unless <paramref name="withEmpty"/> is false.</summary>
    public static IEnumerable<SelectListItem> Of<TEnum>(bool withEmpty = true, IEnumerable<TEnum>? only = null)
        where TEnum : struct, Enum
    {
        if (withEmpty)
        {
            yield return new SelectListItem("Välj …", string.Empty);
        }

        foreach (var value in only ?? Enum.GetValues<TEnum>())
        {
            yield return new SelectListItem(SwedishFormat.Label(value), value.ToString());
        }
    }
}
