using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>One follow-up, for the coach of the provider that runs the intervention (the UI's follow-up form).</summary>
[Access(UserRole.Coach)]
public sealed record GetFollowUpQuery(long FollowUpId) : IQuery<FollowUpResponse>, IFollowUpScoped;

internal sealed class GetFollowUpHandler(FollowUpDbContext db, IOptions<FollowUpOptions> options, IdentityProtector protector)
    : IQueryHandler<GetFollowUpQuery, FollowUpResponse>
{
    public async ValueTask<FollowUpResponse> Handle(GetFollowUpQuery query, CancellationToken cancellationToken)
    {
        var row = await db.TwelveMonthFollowUps.AsNoTracking().Where(f => f.Id == query.FollowUpId).Rows().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.FollowUp);
        return row.ToResponse(options.Value, protector);
    }
}
