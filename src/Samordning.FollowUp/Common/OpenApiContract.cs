using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Samordning.FollowUp.Common;

/// <summary>
/// The OpenAPI document as the API's contract (issue 20), so a generated client needs no hand-fixing:
/// <list type="bullet">
/// <item>a request field is <c>required</c> only when its validator refuses it missing (an unconditional
/// NotNull or NotEmpty rule), and such a field is not nullable; everything else may be left out;</item>
/// <item>rates carry their unit (percent, one decimal);</item>
/// <item>every API operation lists the error answers it can give (400, 401, 403, and 404 where the path
/// names something), each with the ProblemDetails schema, beside the 404/409/422 it declares itself.</item>
/// </list>
/// Integers are plain integers because the service reads numbers strictly (no "integer or string").
/// </summary>
public static class OpenApiContract
{
    private const string ProblemJson = "application/problem+json";

    public static OpenApiOptions DescribeTheContract(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var refusedByType = new System.Collections.Concurrent.ConcurrentDictionary<Type, Task<HashSet<string>>>();
        Task<HashSet<string>> RefusedAsync(Type type, IServiceProvider services, CancellationToken cancellationToken) =>
            refusedByType.GetOrAdd(type, t => !t.IsValueType
                && services.GetService(typeof(IValidator<>).MakeGenericType(t)) is IValidator validator
                    ? RefusedWhenMissingAsync(validator, t, cancellationToken)
                    : Task.FromResult(new HashSet<string>()));
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            if (context.JsonPropertyInfo is { } property)
            {
                DescribeUnit(schema, property.Name);
                // A nullable list of codes comes without its items: a generated client would not know them.
                if (schema.Items is null && schema.Type is { } arrayType && arrayType.HasFlag(JsonSchemaType.Array)
                    && ElementType(property.PropertyType) is { } element)
                {
                    schema.Items = await context.GetOrCreateSchemaAsync(element, null, cancellationToken);
                }

                var member = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
                if ((await RefusedAsync(property.DeclaringType, context.ApplicationServices, cancellationToken)).Contains(member))
                {
                    // Null is refused as well: the field is not nullable.
                    if (schema.Type is { } t)
                    {
                        schema.Type = t & ~JsonSchemaType.Null;
                    }

                    schema.OneOf?.Remove(schema.OneOf.FirstOrDefault(IsNull)!);
                }

                return;
            }

            if (schema.Properties is { Count: > 0 })
            {
                var refused = await RefusedAsync(context.JsonTypeInfo.Type, context.ApplicationServices, cancellationToken);
                if (refused.Count > 0 || context.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(context.JsonTypeInfo.Type)) is not null)
                {
                    RequireWhatTheValidatorRequires(schema, context.JsonTypeInfo, refused);
                }
            }
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var path = context.Description.RelativePath ?? string.Empty;
            if (!path.StartsWith("api/", StringComparison.Ordinal))
            {
                return;
            }

            operation.Responses ??= [];
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "The request is not valid: `errors` names each field with a Swedish reason.", typeof(HttpValidationProblemDetails), cancellationToken);
            if (!anonymous)
            {
                await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Not signed in.", typeof(ProblemDetails), cancellationToken);
                await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "The caller's role may not do this.", typeof(ProblemDetails), cancellationToken);
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                await AddProblemAsync(operation, context, StatusCodes.Status404NotFound,
                    "Not found, or outside the caller's association or provider (the same answer).", typeof(ProblemDetails), cancellationToken);
            }

            // Every error answer the endpoint declared itself is a problem too.
            foreach (var (code, response) in operation.Responses)
            {
                if (code.StartsWith('4') && response is OpenApiResponse { Content: { } content } && content.Count > 0 && !content.ContainsKey(ProblemJson))
                {
                    content[ProblemJson] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken) };
                }
            }
        });
        return options;
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, Type type, CancellationToken cancellationToken)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(code))
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        var name = type.Name;
        context.Document?.AddComponent(name, schema);
        operation.Responses[code] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = context.Document is null ? schema : new OpenApiSchemaReference(name, context.Document) },
            },
        };
    }

    /// <summary>Rates are percentages with one decimal (73.3 is 73.3 %), null when the denominator is 0.</summary>
    private static void DescribeUnit(OpenApiSchema schema, string name)
    {
        if (!string.IsNullOrEmpty(schema.Description))
        {
            return;
        }

        if (name.StartsWith("rate", StringComparison.Ordinal) || name.EndsWith("Rate", StringComparison.Ordinal))
        {
            schema.Description = "Percent with one decimal (73.3 means 73.3 %), rounded half away from zero; null when the denominator is 0.";
        }
        else if (name.EndsWith("Percent", StringComparison.Ordinal))
        {
            schema.Description = "Percent (73.3 means 73.3 %).";
        }
    }

    /// <summary>
    /// The members the validator refuses as missing: it is run on an instance with every field left out
    /// (as deserialized from <c>{}</c>), and the NotNull and NotEmpty failures name them. Running it
    /// covers included validators and conditions as they apply to a request that leaves everything out.
    /// </summary>
    private static async Task<HashSet<string>> RefusedWhenMissingAsync(IValidator validator, Type type, CancellationToken cancellationToken)
    {
        // As the serializer makes it from "{}": the parameterless constructor runs the property initializers
        // (a list that starts empty is not missing); a type without one gets its members' defaults.
        var empty = type.GetConstructor(Type.EmptyTypes) is { } constructor
            ? constructor.Invoke(null)
            : System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
        var context = (FluentValidation.IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), empty)!;
        var result = await validator.ValidateAsync(context, cancellationToken);
        var descriptor = validator.CreateDescriptor();
        return [.. result.Errors
            .Where(e => e.ErrorCode is "NotNullValidator" or "NotEmptyValidator")
            .Select(e => e.PropertyName)
            .Where(member => !RequiredOnlyInSomeCases(descriptor, member))];
    }

    /// <summary>
    /// A NotNull or NotEmpty rule under a condition (<c>.When(…)</c>: an exit's occupation unless the exit reason
    /// has no outcome) requires the field only in some cases: not <c>required</c>; the field's description
    /// and the validator's Swedish message say when.
    /// </summary>
    private static bool RequiredOnlyInSomeCases(IValidatorDescriptor descriptor, string member) =>
        descriptor.GetRulesForMember(member).Any(rule => rule.Components.Any(c =>
            c.Validator.Name is "NotNullValidator" or "NotEmptyValidator" && (c.HasCondition || c.HasAsyncCondition)));

    private static void RequireWhatTheValidatorRequires(
        OpenApiSchema schema, System.Text.Json.Serialization.Metadata.JsonTypeInfo type, HashSet<string> refused)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.Properties)
        {
            var member = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
            // Only what the validator refuses: a field the serializer would fill with a default when it is
            // left out (a constructor parameter, a value type) is not required either.
            if (refused.Contains(member))
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element
        : null;

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
