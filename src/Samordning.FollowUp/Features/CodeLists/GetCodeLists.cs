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
        ["gender"] = CodeLabels.All<Gender>(),
        ["orientation"] = CodeLabels.All<Orientation>(),
        ["interventionCategory"] = CodeLabels.All<InterventionCategory>(),
        ["registrationMode"] = CodeLabels.All<RegistrationMode>(),
        ["referredBy"] = CodeLabels.All<ReferredBy>(),
        ["educationLevel"] = CodeLabels.All<EducationLevel>(),
        ["timeInPublicSupport"] = CodeLabels.All<TimeInPublicSupport>(),
        ["occupation"] = CodeLabels.All<Occupation>(),
        ["incomeSource"] = CodeLabels.All<IncomeSource>(),
        ["exitReason"] = CodeLabels.All<ExitReason>(),
    };

    public static IEndpointRouteBuilder MapCodeListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Code lists")
            .MapGet("/code-lists", Ok<IReadOnlyDictionary<string, IReadOnlyList<CodeLabel>>> () => TypedResults.Ok(Lists))
            .WithName("GetCodeLists")
            .WithSummary("The code lists with their Swedish labels.");
        return app;
    }
}
