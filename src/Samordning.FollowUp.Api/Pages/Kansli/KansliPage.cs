using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Api.Pages.Kansli;

/// <summary>
/// Base of the office's pages (/kansli/…): only the roles whose menu links here reach them
/// (others get the 403 page); everything else — what may be read or changed — is decided by the
/// handlers the pages send to.
/// </summary>
internal abstract class KansliPage : UiPage
{
    /// <summary>Whether the signed-in caller's role has this page in its menu.</summary>
    protected virtual bool Admits(Caller caller) => caller.Is(UserRole.AssociationAdmin);

    /// <summary>The office's own association (from its sign-in claims).</summary>
    protected long AssociationId => Caller.AssociationId ?? 0;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Admits(Caller))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>
    /// Handler error keys of list items ("categories[1]") name the list's field ("Input.Categories"),
    /// where the page shows the message.
    /// </summary>
    protected override string FieldKey(string handlerField)
    {
        var bracket = handlerField?.IndexOf('[', StringComparison.Ordinal) ?? -1;
        return base.FieldKey(bracket > 0 ? handlerField![..bracket] : handlerField ?? string.Empty);
    }

    /// <summary>
    /// A whole number as typed in a Swedish form ("150 000"); empty gives null. False (with a message
    /// on the field) when it is not a whole number.
    /// </summary>
    protected bool TryReadWhole(string? text, string field, out long? value)
    {
        value = null;
        var compact = Compact(text);
        if (compact.Length == 0)
        {
            return true;
        }

        if (long.TryParse(compact, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        ModelState.AddModelError($"{FormPrefix}.{field}", "Ange ett heltal, utan decimaler.");
        return false;
    }

    /// <summary>A decimal number with comma or point ("35,5"); empty gives null.</summary>
    protected bool TryReadDecimal(string? text, string field, out decimal? value)
    {
        value = null;
        var compact = Compact(text).Replace(',', '.');
        if (compact.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        ModelState.AddModelError($"{FormPrefix}.{field}", "Ange ett tal, till exempel 35 eller 35,5.");
        return false;
    }

    private static string Compact(string? text) =>
        new([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]);
}

/// <summary>Formatting the office's pages need beyond <see cref="Sv"/>.</summary>
internal static class KansliFormat
{
    /// <summary>A whole number as a form field shows it ("150000", no separators so it reads back as typed).</summary>
    public static string Field(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Field(decimal? value) => value?.ToString("0.##", CultureInfo.GetCultureInfo("sv-SE")) ?? string.Empty;

    /// <summary>A target in percent, "35 %".</summary>
    public static string Percent(decimal value) => Samordning.FollowUp.Features.Reports.Files.SwedishFormat.Percent(value);

    /// <summary>Labels of a list of codes, "Kartläggning, Förberedande", or <paramref name="none"/> when empty.</summary>
    public static string Labels<TEnum>(IEnumerable<TEnum> values, string none = "–") where TEnum : struct, Enum
    {
        var labels = values.Select(Sv.Label).ToList();
        return labels.Count == 0 ? none : string.Join(", ", labels);
    }

    /// <summary>A category with its orientation, since two orientations both have "Kartläggning".</summary>
    public static string CategoryWithOrientation(InterventionCategory category) =>
        $"{Sv.Label(category)} ({Sv.Label(Categories.OrientationOf(category)).ToLowerInvariant()})";
}
