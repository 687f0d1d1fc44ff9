using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>The results a correction replaced, newest first (e.g. the person's own answer the coach corrected).</summary>
[Access(UserRole.Coach)]
public sealed record ListFollowUpResultHistoryQuery(long FollowUpId) : IQuery<IReadOnlyList<FollowUpResultRevisionResponse>>, IFollowUpScoped;

public sealed record FollowUpResultRevisionResponse(
    FollowUpResultSource Source,
    FollowUpOutcome Outcome,
    DateOnly ContactedOn,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource> IncomeSources,
    DateTime RecordedAtUtc,
    DateTime ReplacedAtUtc,
    string? ReplacedBy);

internal sealed class ListFollowUpResultHistoryHandler(FollowUpDbContext db)
    : IQueryHandler<ListFollowUpResultHistoryQuery, IReadOnlyList<FollowUpResultRevisionResponse>>
{
    public async ValueTask<IReadOnlyList<FollowUpResultRevisionResponse>> Handle(ListFollowUpResultHistoryQuery query, CancellationToken cancellationToken) =>
        await db.FollowUpResultRevisions.AsNoTracking()
            .Where(r => r.FollowUpId == query.FollowUpId)
            .OrderByDescending(r => r.Id)
            .Select(r => new FollowUpResultRevisionResponse(r.Source, r.Outcome, r.ContactedOn, r.Occupation, r.ExtentPercent,
                r.IncomeSources, r.RecordedAtUtc, r.ReplacedAtUtc, r.ReplacedBy))
            .ToListAsync(cancellationToken);
}

public static class ListFollowUpResultHistoryEndpoint
{
    public static RouteGroupBuilder MapListFollowUpResultHistory(this RouteGroupBuilder group)
    {
        group.MapGet("/follow-ups/{id:long}/result/history", async Task<Ok<IReadOnlyList<FollowUpResultRevisionResponse>>> (
                long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListFollowUpResultHistoryQuery(id), ct)))
            .WithName("ListFollowUpResultHistory")
            .WithSummary("The results a correction replaced, newest first, with their source (Coach or SelfReported).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
