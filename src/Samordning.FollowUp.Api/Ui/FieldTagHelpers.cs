using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// Ties a form control to its error for screen readers: with an error the control gets
/// aria-invalid and aria-describedby pointing at the message that <see cref="FieldErrorTagHelper"/>
/// writes (after any hint it already pointed at).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    // After the framework's own tag helpers, which write id and name.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = BoundNameTagHelper.FieldName(For, ViewContext);
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            var errorId = FieldErrorTagHelper.ErrorId(name);
            var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
                ? $"{existing.Value} {errorId}"
                : errorId;
            output.Attributes.SetAttribute("aria-describedby", describedBy);
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
    }
}

/// <summary>
/// <c>&lt;field-error asp-for="Input.X" /&gt;</c>: the field's messages, in Swedish, next to the
/// field (nothing when it has none).
/// </summary>
[HtmlTargetElement("field-error", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public static string ErrorId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-fel";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = BoundNameTagHelper.FieldName(For, ViewContext);
        if (!ViewContext.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", ErrorId(name));
        output.Attributes.SetAttribute("class", "field-error");
        var content = new HtmlContentBuilder();
        content.AppendHtml("<span class=\"visually-hidden\">Fel: </span>");
        content.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        output.Content.SetHtmlContent(content);
    }
}

/// <summary>
/// A page's own property bound under a Swedish name (<c>[BindProperty(Name = "ar")] Year</c>) is
/// that name in the form: the control's name and id and its label's for, as the address and the
/// model state have it, so <c>asp-for="Year"</c> sends <c>?ar=</c> and its error lands beside it.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("label", Attributes = "asp-for")]
public sealed class BoundNameTagHelper : TagHelper
{
    // After the framework's own tag helpers, which write name, id and for from the property name.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The field's name in the form and in model state.</summary>
    public static string FieldName(ModelExpression model, ViewContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        return BoundName(model) ?? context.ViewData.TemplateInfo.GetFullHtmlFieldName(model.Name);
    }

    private static string? BoundName(ModelExpression model) =>
        model.Metadata.ContainerType is { } page && typeof(PageModel).IsAssignableFrom(page) ? model.Metadata.BinderModelName : null;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (BoundName(For) is not { } name)
        {
            return;
        }

        var id = TagBuilder.CreateSanitizedId(name, "_");
        if (output.TagName == "label")
        {
            output.Attributes.SetAttribute("for", id);
        }
        else
        {
            output.Attributes.SetAttribute("name", name);
            output.Attributes.SetAttribute("id", id);
            // The framework looked the errors up under the property's name; they are under this one.
            if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
            {
                output.AddClass(HtmlHelper.ValidationInputCssClassName, HtmlEncoder.Default);
            }
        }
    }
}
