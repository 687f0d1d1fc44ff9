using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Samordning.FollowUp.Api.Ui.Charts;

/// <summary>
/// A small builder of inline SVG for server-rendered charts. Only presentation attributes
/// (fill, stroke, x, y …) are written, never a style attribute, so the strict Content-Security-Policy
/// holds. The picture is an image to assistive technology (role="img") named by its title and
/// description; the same figures are always in a table next to it.
/// </summary>
public sealed class Svg
{
    private readonly StringBuilder _body = new();
    private readonly double _width;
    private readonly double _height;
    private readonly string _id;
    private readonly string _title;
    private readonly string? _description;

    public const string Ink = "#1b1b1b";
    public const string Muted = "#4a4a4a";
    public const string Grid = "#b1b4b6";
    public const string Ok = "#1a6b32";
    public const string Bad = "#b3141b";
    public const string Warn = "#8a4b00";
    public const string Neutral = "#5f7380";
    public const string Brand = "#0b4f6c";

    /// <param name="id">Unique on the page; the title and description get ids from it.</param>
    public Svg(string id, double width, double height, string title, string? description = null)
    {
        _id = id;
        _width = width;
        _height = height;
        _title = title;
        _description = description;
    }

    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    public Svg Rect(double x, double y, double width, double height, string fill)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(width, 0))}\" height=\"{N(height)}\" fill=\"{fill}\"/>");
        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, bool dashed = false)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        if (dashed)
        {
            _body.Append(" stroke-dasharray=\"5 3\"");
        }

        _body.Append("/>");
        return this;
    }

    /// <summary>An open line through the points (no fill).</summary>
    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth = 2, bool dashed = false)
    {
        var list = string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        _body.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{list}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"");
        if (dashed)
        {
            _body.Append(" stroke-dasharray=\"6 4\"");
        }

        _body.Append("/>");
        return this;
    }

    public Svg Circle(double x, double y, double radius, string fill)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(radius)}\" fill=\"{fill}\"/>");
        return this;
    }

    /// <param name="anchor">start, middle or end.</param>
    public Svg Text(double x, double y, string text, string anchor = "start", double size = 13, bool bold = false, string fill = Ink)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" fill=\"{fill}\"");
        if (anchor != "start")
        {
            _body.Append(CultureInfo.InvariantCulture, $" text-anchor=\"{anchor}\"");
        }

        if (bold)
        {
            _body.Append(" font-weight=\"bold\"");
        }

        _body.Append('>').Append(E(text)).Append("</text>");
        return this;
    }

    public IHtmlContent Build()
    {
        var titleId = $"{_id}-titel";
        var descriptionId = $"{_id}-beskrivning";
        var labelledBy = _description is null ? titleId : $"{titleId} {descriptionId}";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{E(_id)}\" class=\"chart\" role=\"img\" aria-labelledby=\"{E(labelledBy)}\" ");
        svg.Append(CultureInfo.InvariantCulture,
            $"width=\"{N(_width)}\" height=\"{N(_height)}\" viewBox=\"0 0 {N(_width)} {N(_height)}\" font-family=\"DejaVu Sans, Segoe UI, Arial, sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(titleId)}\">{E(_title)}</title>");
        if (_description is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{E(descriptionId)}\">{E(_description)}</desc>");
        }

        svg.Append(_body).Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
