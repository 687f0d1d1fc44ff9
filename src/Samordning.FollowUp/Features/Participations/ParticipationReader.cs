using Mapster;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// Reads participations as responses: the database projects the columns, and the identity is
/// decrypted only to be masked, page by page.
/// </summary>
internal sealed class ParticipationReader(FollowUpDbContext db, TypeAdapterConfig mapping, IdentityProtector protector, CallerContext callers)
{
    public async Task<ParticipationResponse> GetAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.Participations.AsNoTracking().VisibleTo(callers.Current)
            .Where(p => p.Id == id)
            .ProjectToType<ParticipationRow>(mapping)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        return ToResponse(row);
    }

    /// <summary>
    /// A participation this request has just saved, with its participant and intervention at hand,
    /// mapped in memory by the same configuration as the database's projection.
    /// </summary>
    public ParticipationResponse FromSaved(Participation participation, Intervention intervention)
    {
        var row = participation.Adapt<ParticipationRow>(mapping) with
        {
            ParticipantId = participation.Participant!.Id,
            InterventionRegistrationMode = intervention.RegistrationMode,
            ParticipantIdentityCipher = participation.Participant.IdentityCipher,
        };
        return ToResponse(row);
    }

    public async Task<IReadOnlyList<ParticipationResponse>> ListAsync(IQueryable<Participation> query, CancellationToken cancellationToken)
    {
        var rows = await query.VisibleTo(callers.Current).ProjectToType<ParticipationRow>(mapping).ToListAsync(cancellationToken);
        return [.. rows.Select(ToResponse)];
    }

    private ParticipationResponse ToResponse(ParticipationRow row) => new(row.Start, row.ConsentWithdrawnOn)
    {
        Id = row.Id,
        InterventionId = row.InterventionId,
        ParticipantId = row.ParticipantId,
        RegistrationMode = row.InterventionRegistrationMode,
        Status = row.EndDate is null ? ParticipationStatus.Active : ParticipationStatus.Ended,
        PersonalIdentityNumber = row.ParticipantIdentityCipher is { } cipher ? protector.Decrypt(cipher).Masked : null,
        Exit = row.EndDate is { } endDate
            ? new ExitResponse(endDate, row.ExitReason!.Value, row.OccupationAtExit, row.ExtentPercentAtExit, row.IncomeSourcesAtExit, row.StepAtExit)
            : null,
        CreatedAtUtc = row.CreatedAtUtc,
        UpdatedAtUtc = row.UpdatedAtUtc,
    };

}
