using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samordning.FollowUp.Common;

/// <summary>
/// A code value (an enum) is accepted as exactly one of its defined names, compared without regard
/// to case, and nothing else. <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/> and
/// JsonStringEnumConverter treat every enum as flags: "Primary, UpperSecondary" parses as
/// Primary | UpperSecondary, which is PostSecondaryShort, and "3" as whatever has the value 3.
/// JSON bodies, query strings and the UI's forms all parse codes here.
/// </summary>
public static class CodeNames
{
    public const string ListRefused = "Ange ett enda kodvärde, inte flera åtskilda med kommatecken.";
    public const string NumberRefused = "Ange kodvärdets namn, inte ett tal.";

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Cache<TEnum>.ByName.TryGetValue(text ?? string.Empty, out value);

    /// <summary>The same rule for a type known only at run time (the UI's model binding).</summary>
    public static bool TryParse(Type enumType, string? text, out object? value)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        value = Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse(enumType, name)
            : null;
        return value is not null;
    }

    /// <summary>Why the text is not a code of the type, in Swedish; never repeats the text (it could be a personnummer).</summary>
    public static string Problem(Type enumType, string? text)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        if (text is not null && text.Contains(',', StringComparison.Ordinal))
        {
            return ListRefused;
        }

        if (text is not null && long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return NumberRefused;
        }

        return $"Värdet är inte ett tillåtet kodvärde. Tillåtna värden: {string.Join(", ", Enum.GetNames(enumType))}.";
    }

    /// <summary>
    /// A code from the query string (<c>?role=Coach</c>): null when absent, the code when it is one
    /// defined name, otherwise a 400 naming the parameter. Minimal APIs would bind an enum parameter
    /// with Enum.TryParse, so endpoints take the text and call this.
    /// </summary>
    public static TEnum? FromQuery<TEnum>(string? text, string parameter) where TEnum : struct, Enum =>
        string.IsNullOrEmpty(text) ? null
        : TryParse<TEnum>(text, out var value) ? value
        : throw new RuleViolationException(parameter, Problem(typeof(TEnum), text));

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>A code value in a JSON body that is not one defined name; the message is the Swedish reason.</summary>
public sealed class CodeValueJsonException(string message) : JsonException(message);

/// <summary>
/// Reads and writes every enum as its name, with <see cref="CodeNames"/>' rule: a number, a
/// comma-separated list or an undefined name is refused with a <see cref="CodeValueJsonException"/>,
/// which the ProblemDetails handler turns into a 400 naming the field. Replaces JsonStringEnumConverter,
/// which accepts "A, B" as the flags combination of A and B even with allowIntegerValues: false.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String => Parse(reader.GetString()),
                JsonTokenType.Number => throw new CodeValueJsonException(CodeNames.NumberRefused),
                _ => throw new CodeValueJsonException(CodeNames.Problem(typeof(TEnum), null)),
            };

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Name(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Name(value));

        private static TEnum Parse(string? text) =>
            CodeNames.TryParse<TEnum>(text, out var value) ? value : throw new CodeValueJsonException(CodeNames.Problem(typeof(TEnum), text));

        // Nothing the service holds is a combination or an undefined number; writing one would hide a bug.
        private static string Name(TEnum value) =>
            Enum.IsDefined(value) ? value.ToString() : throw new JsonException($"{typeof(TEnum).Name} has no name for the value {value:D}.");
    }
}

/// <summary>
/// The API reference describes every code as a string with its names. OpenAPI reads an enum's shape
/// from the serializer, and a custom converter is opaque to it (the schema would be empty).
/// </summary>
public static class CodeNamesOpenApi
{
    public static Microsoft.AspNetCore.OpenApi.OpenApiOptions DescribeCodesAsNames(this Microsoft.AspNetCore.OpenApi.OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum)
            {
                schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                schema.Enum = [.. Enum.GetNames(type).Select(name => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(name))];
            }

            return Task.CompletedTask;
        });
    }
}
