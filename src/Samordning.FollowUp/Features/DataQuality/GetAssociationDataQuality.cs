using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.DataQuality;

/// <summary>When a provider was reminded of its data quality today.</summary>
public sealed record DataQualityReminderSent(long ProviderId, DateTime SentAtUtc);

/// <summary>The association's data quality for a tertial: one row per provider (counts only) and today's reminders.</summary>
public sealed record AssociationDataQualityResponse(
    long AssociationId,
    string AssociationName,
    int Year,
    int Tertial,
    DateOnly From,
    DateOnly To,
    DateTime GeneratedAtUtc,
    IReadOnlyList<DataQualityRow> Providers,
    IReadOnlyList<DataQualityReminderSent> RemindedToday);

/// <summary>The office's data quality per provider for a tertial, as it is now (the report's data-quality part alone).</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record GetAssociationDataQualityQuery(long AssociationId, int Year, int Tertial)
    : IQuery<AssociationDataQualityResponse>, IAssociationScoped;

internal sealed class GetAssociationDataQualityValidator : AbstractValidator<GetAssociationDataQualityQuery>
{
    public GetAssociationDataQualityValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetAssociationDataQualityHandler(FollowUpDbContext db, TertialReportBuilder builder, TimeProvider clock)
    : IQueryHandler<GetAssociationDataQualityQuery, AssociationDataQualityResponse>
{
    public async ValueTask<AssociationDataQualityResponse> Handle(GetAssociationDataQualityQuery query, CancellationToken cancellationToken)
    {
        var name = await db.Associations.AsNoTracking().Where(a => a.Id == query.AssociationId).Select(a => a.Name)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(NotFoundMessages.Association);
        var rows = await builder.DataQualityAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken);
        var today = clock.Today();
        var reminded = await db.Notifications.AsNoTracking()
            .Where(n => n.AssociationId == query.AssociationId && n.Kind == NotificationKind.DataQualityReminder && n.ForDate == today
                && n.ProviderId != null)
            .GroupBy(n => n.ProviderId!.Value)
            .Select(g => new DataQualityReminderSent(g.Key, g.Min(n => n.CreatedAtUtc)))
            .ToListAsync(cancellationToken);
        return new AssociationDataQualityResponse(query.AssociationId, name, query.Year, query.Tertial,
            Tertials.Start(query.Year, query.Tertial), Tertials.End(query.Year, query.Tertial), clock.GetUtcNow().UtcDateTime, rows, reminded);
    }
}

public static class GetAssociationDataQualityEndpoint
{
    public static RouteGroupBuilder MapGetAssociationDataQuality(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/data-quality/{year:int}/{tertial:int}", async Task<Ok<AssociationDataQualityResponse>> (
                long associationId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAssociationDataQualityQuery(associationId, year, tertial), ct)))
            .WithName("GetAssociationDataQuality")
            .WithSummary("The office's data quality per provider for a tertial as it is now (counts only), with the providers reminded today.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
