using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.Participations;

/// <param name="ExpectedEnd">Start plus the intervention's expected length.</param>
public sealed record PastExpectedLengthResponse(
    long ParticipationId, long InterventionId, string InterventionName, DateOnly StartDate, DateOnly ExpectedEnd, string? PersonalIdentityNumber);

/// <summary>
/// The coach's active participations that have gone on longer than their intervention's expected
/// length on this day (the report's data-quality check, <see cref="DataQualityChecks.PastExpectedLength"/>): an exit may be missing. Oldest first.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ListPastExpectedLengthQuery(int Limit = 100) : IQuery<IReadOnlyList<PastExpectedLengthResponse>>;

internal sealed class ListPastExpectedLengthHandler(DataQualityChecks checks, TimeProvider clock, CallerContext callers, IdentityProtector protector)
    : IQueryHandler<ListPastExpectedLengthQuery, IReadOnlyList<PastExpectedLengthResponse>>
{
    public async ValueTask<IReadOnlyList<PastExpectedLengthResponse>> Handle(ListPastExpectedLengthQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var rows = await checks.PastExpectedLength(today).AsNoTracking().VisibleTo(callers.Current)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id)
            .Take(Math.Clamp(query.Limit, 1, Paging.MaxPageSize))
            .Select(p => new
            {
                p.Id,
                p.InterventionId,
                p.Intervention!.Name,
                p.StartDate,
                Weeks = p.Intervention.ExpectedLengthWeeks!.Value,
                p.Participant!.IdentityCipher,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PastExpectedLengthResponse(
            r.Id, r.InterventionId, r.Name, r.StartDate, r.StartDate.AddDays(r.Weeks * 7),
            r.IdentityCipher is null ? null : protector.Decrypt(r.IdentityCipher).Masked))];
    }
}
