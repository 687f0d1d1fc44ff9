using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.CodeLists;

/// <summary>Every code list with its Swedish labels, for clients that show them.</summary>
public static class GetCodeListsEndpoint
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<CodeLabel>> Lists = new Dictionary<string, IReadOnlyList<CodeLabel>>
    {
        ["gender"] = CodeList<Gender>(),
        ["orientation"] = CodeList<Orientation>(),
        ["interventionCategory"] = CodeList<InterventionCategory>(),
        ["registrationMode"] = CodeList<RegistrationMode>(),
        ["referredBy"] = CodeList<ReferredBy>(),
        ["educationLevel"] = CodeList<EducationLevel>(),
        ["timeInPublicSupport"] = CodeList<TimeInPublicSupport>(),
        ["occupation"] = CodeList<Occupation>(),
        ["incomeSource"] = CodeList<IncomeSource>(),
        ["exitReason"] = CodeList<ExitReason>(),
    };

    private static IReadOnlyList<CodeLabel> CodeList<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => new CodeLabel(v.ToString(), SwedishFormat.Label(v)))];

    public static IEndpointRouteBuilder MapCodeListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Code lists")
            .MapGet("/code-lists", Ok<IReadOnlyDictionary<string, IReadOnlyList<CodeLabel>>> () => TypedResults.Ok(Lists))
            .WithName("GetCodeLists")
            .WithSummary("The code lists with their Swedish labels.");
        return app;
    }
}

public sealed record CodeLabel(string Code, string Label);
