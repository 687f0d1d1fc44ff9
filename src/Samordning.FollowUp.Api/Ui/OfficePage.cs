using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// Base of the office's pages (/kansli/…: interventions, indicators, users): only the roles whose
/// menu links here reach them (others get the 403 page); everything else — what may be read or
/// changed — is decided by the handlers the pages send to.
/// </summary>
internal abstract class OfficePage : UiPage
{
    /// <summary>Whether the signed-in caller's role has this page in its menu.</summary>
    protected virtual bool Admits(Caller caller) => caller.Is(UserRole.AssociationAdmin);

    /// <summary>The office's own association (from its sign-in claims).</summary>
    protected long AssociationId => Caller.AssociationId ?? 0;

    /// <summary>Every association's name by id (filled by <see cref="LoadAssociationChoicesAsync"/>).</summary>
    public IReadOnlyDictionary<long, string> AssociationNames { get; private set; } = new Dictionary<long, string>();

    /// <summary>The administrator's filter per association: "Alla förbund", then every association by name.</summary>
    public IReadOnlyList<SelectListItem> AssociationFilterOptions { get; private set; } = [];

    protected async Task LoadAssociationChoicesAsync()
    {
        AssociationNames = (await Sender.Send(new ListAssociationsQuery(), Aborted)).ToDictionary(a => a.Id, a => a.Name);
        AssociationFilterOptions =
        [
            new SelectListItem("Alla förbund", string.Empty),
            .. AssociationNames.OrderBy(a => a.Value, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false))
                .Select(a => new SelectListItem(a.Value, a.Key.ToString(CultureInfo.InvariantCulture))),
        ];
    }

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

    public const string WholeNumberMessage = "Ange ett heltal utan decimaler, till exempel 1 250 000.";

    /// <summary>
    /// A whole number as typed in a Swedish form ("150 000", "1 250 000 kr": <see cref="SwedishFormat.TryParseWhole"/>);
    /// empty gives null. False (with a message on the field) when it is not a whole number.
    /// </summary>

    protected bool TryReadWhole(string? text, string field, out long? value)
    {
        if (SwedishFormat.TryParseWhole(text, out value))
        {
            return true;
        }

        ModelState.AddModelError($"{FormPrefix}.{field}", WholeNumberMessage);
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
