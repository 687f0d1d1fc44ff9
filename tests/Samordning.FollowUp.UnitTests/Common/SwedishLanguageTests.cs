using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests.Common;

/// <summary>
/// No English word in anything a user reads (issue 15, item 5): every validator's every message,
/// enumerated from its rules and triggered on an empty request; every code label; and every
/// Swedish sentence the service's sources hold (rule violations, conflicts, not-found messages).
/// An API client's code values are allowed only where a message lists them after "Tillåtna värden:".
/// </summary>
public sealed partial class SwedishLanguageTests
{
    /// <summary>English words that a Swedish sentence does not contain (words that are also Swedish, such as "is", "by", "be", are left out).</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "or", "of", "to", "are", "must", "should", "not", "invalid", "required", "value", "values", "field",
        "unknown", "reached", "unreachable", "declined", "identified", "anonymous", "please", "enter", "empty", "null",
        "mode", "view", "year", "error", "cannot", "can", "with", "without", "for", "from", "only", "may", "has", "have",
        "this", "that", "when", "was", "will", "if", "it", "specified", "condition", "met", "length", "between", "greater",
        "less", "than", "equal", "valid", "email", "address", "number", "date", "page", "size", "key", "idempotency",
    };

    /// <summary>Code names (enum members) of the service, except those that are Swedish words too.</summary>
    private static readonly HashSet<string> CodeNames = [.. ServiceEnums()
        .SelectMany(Enum.GetNames)
        .Where(n => n is not ("Man" or "Period" or "Status"))];

    [Fact]
    public void EveryValidatorMessage_IsSwedish_AndNamesNoCodeOrProperty()
    {
        var problems = new List<string>();
        foreach (var (validator, type) in Validators())
        {
            foreach (var rule in validator.CreateDescriptor().Rules)
            {
                foreach (var component in rule.Components)
                {
                    if (component.Validator is IChildValidatorAdaptor)
                    {
                        continue;
                    }

                    var message = Unformatted(component);
                    if (message.Contains("{PropertyName}", StringComparison.Ordinal))
                    {
                        problems.Add($"{type.Name}.{rule.PropertyName}: no Swedish message of its own (FluentValidation's default names the property): {message}");
                    }
                    else
                    {
                        problems.AddRange(EnglishIn(message).Select(w => $"{type.Name}.{rule.PropertyName}: '{w}' in \"{message}\""));
                    }
                }
            }

            foreach (var message in Triggered(validator, type))
            {
                problems.AddRange(EnglishIn(message).Select(w => $"{type.Name} (triggered): '{w}' in \"{message}\""));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [Fact]
    public void EveryCodeLabel_IsSwedish_AndEveryCodeHasOne()
    {
        var problems = new List<string>();
        foreach (var type in ServiceEnums())
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var label = field.GetCustomAttribute<DisplayAttribute>()?.Name;
                if (label is null)
                {
                    problems.Add($"{type.Name}.{field.Name}: no Swedish label (it would be shown as its code name)");
                    continue;
                }

                problems.AddRange(EnglishIn(label).Select(w => $"{type.Name}.{field.Name}: '{w}' in \"{label}\""));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Sentences in Swedish (with å, ä or ö) anywhere in the service's and the web UI's code: rule
    /// violations, conflicts, constants, the pages' own messages and confirmations.
    /// </summary>
    [Fact]
    public void EverySwedishSentenceInTheSources_HasNoEnglishWord()
    {
        var problems = new List<string>();
        foreach (var (path, text) in ServiceSources.Files().Concat(WebUiSources()))
        {
            foreach (Match literal in StringLiteral().Matches(text))
            {
                var value = literal.Groups[1].Value;
                if (!value.Any(c => "åäöÅÄÖ".Contains(c, StringComparison.Ordinal)) || IsComment(text, literal.Index) || IsApiDescription(text, literal.Index))
                {
                    continue;
                }

                // An interpolation's code ({…}, and what a nested quote splits off: "x.CountOnly") is not text.
                problems.AddRange(EnglishIn(MemberAccess().Replace(Regex.Replace(value, @"\{[^}]*\}", " "), " "))
                    .Select(w => $"{path}:{ServiceSources.Line(text, literal.Index)}: '{w}' in \"{value}\""));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ContradictionMessages_NameTheSourcesInSwedish()
    {
        var all = IncomeSourceRules.Contradictions(Enum.GetValues<IncomeSource>()).ToList();

        var message = ValidationRules.ContradictionMessage(all);

        Assert.Empty(EnglishIn(message));
        Assert.Contains("”Ingen offentlig försörjning” kan inte anges tillsammans med ”Sjukpenning” eller ”Aktivitetsersättning”", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScan_FindsTheWordsTheIssueReported()
    {
        Assert.Equal(["Unknown"], EnglishIn("Utbildningsnivå måste anges (”Okänd”, Unknown, om den inte är känd)."));
        Assert.Equal(["Reached", "Unreachable", "Declined"], EnglishIn("Utfall måste anges: nådd (Reached), ej anträffbar (Unreachable) eller avböjde (Declined)."));
        Assert.Empty(EnglishIn("Status är inte ett tillåtet värde. Tillåtna värden: Upcoming, Due, Overdue."));
    }

    /// <summary>The English words and code names in a message, outside a trailing list of the API's allowed values.</summary>
    private static List<string> EnglishIn(string message)
    {
        var allowed = message.IndexOf("Tillåtna värden:", StringComparison.Ordinal);
        var prose = allowed >= 0 ? message[..allowed] : message;
        return [.. Word().Matches(prose).Select(m => m.Value).Where(w => EnglishWords.Contains(w) || CodeNames.Contains(w))];
    }

    private static string Unformatted(IRuleComponent component)
    {
        try
        {
            return component.GetUnformattedErrorMessage() ?? string.Empty;
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException)
        {
            // A message built from the request itself: checked when triggered below.
            return string.Empty;
        }
    }

    /// <summary>The messages a validator gives for a request with every field empty.</summary>
    private static List<string> Triggered(IValidator validator, Type validatedType)
    {
        if (validatedType.IsAbstract)
        {
            return [];
        }

        try
        {
            var request = RuntimeHelpers.GetUninitializedObject(validatedType);
            var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(validatedType), request)!;
            return validator.Validate(context).Errors.Select(e => e.ErrorMessage).ToList();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException or TargetInvocationException)
        {
            // A rule that cannot run on an all-empty request; its messages were enumerated above.
            return [];
        }
    }

    private static IEnumerable<(IValidator Validator, Type Validated)> Validators()
    {
        ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("sv");
        var found = 0;
        foreach (var type in typeof(ValidationRules).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IValidator).IsAssignableFrom(t)))
        {
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Single();
            var arguments = constructor.GetParameters()
                .Select(p => p.ParameterType == typeof(TimeProvider)
                    ? TimeProvider.System
                    : throw new InvalidOperationException($"{type.Name} needs a {p.ParameterType.Name}: teach the scan to make one."))
                .ToArray();
            var validated = type.BaseType!.GetGenericArguments()[0];
            found++;
            yield return ((IValidator)constructor.Invoke(arguments), validated);
        }

        Assert.True(found > 30, $"Only {found} validators found");
    }

    private static IEnumerable<Type> ServiceEnums() =>
        typeof(ValidationRules).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.GetCustomAttribute<DisplayAttribute>() is not null));

    /// <summary>The web UI's C# files (src/Samordning.FollowUp.Api), beside the service's.</summary>
    private static IEnumerable<(string Path, string Text)> WebUiSources()
    {
        var folder = Path.GetFullPath(Path.Combine(ServiceSources.Directory, "..", "Samordning.FollowUp.Api"));
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => ("Api/" + p, File.ReadAllText(Path.Combine(folder, p))));
    }

    private static bool IsComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        return text.AsSpan(lineStart, index - lineStart).TrimStart().StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>The API reference (OpenAPI summaries and descriptions) is English by design: it is read by programmers.</summary>
    private static bool IsApiDescription(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        var line = text.AsSpan(lineStart, index - lineStart);
        return line.Contains(".WithSummary(", StringComparison.Ordinal) || line.Contains(".WithDescription(", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\w*\.\w+")]
    private static partial Regex MemberAccess();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex("\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();
}
