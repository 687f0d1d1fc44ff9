using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// The register extract (GDPR art. 15) for the owning provider: everything the provider holds on
/// one personnummer, as JSON — the person, every participation with its start, consent and exit,
/// the 12-month follow-ups with their results, every referral with its decisions, and who has
/// read the identity. Audited.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ExportDataSubjectQuery(string? PersonalIdentityNumber) : IQuery<DataSubjectExport>, IPersonalIdentityNumberRequest
{
    // A record prints its members; this one is a personnummer and must never reach a log line.
    public override string ToString() => nameof(ExportDataSubjectQuery);
}

public sealed record DataSubjectExport(
    string PersonalIdentityNumber,
    string Provider,
    Gender Gender,
    int? BirthYear,
    DateTime RegisteredAtUtc,
    IReadOnlyList<ExportedParticipation> Participations,
    IReadOnlyList<ExportedAccess> IdentityAccess,
    DateTime ExportedAtUtc)
{
    /// <summary>The referrals (anvisningar) of the person at the provider, started or not.</summary>
    public IReadOnlyList<ExportedReferral> Referrals { get; init; } = [];
}

public sealed record ExportedReferral(
    string Intervention, DateOnly ReceivedOn, ReferredBy ReferredBy, string? ReferringTeam, ReferralState State,
    DateOnly? ConsentDate, DateOnly? AcceptedOn, DateOnly? PlannedStartDate, DateOnly? DeclinedOn, DeclineReason? DeclineReason,
    DateOnly? WithdrawnOn, long? ParticipationId);

public sealed record ExportedParticipation(string Intervention, ParticipationResponse Participation, ExportedFollowUp? FollowUp);

public sealed record ExportedFollowUp(
    DateOnly DueDate, FollowUpStatus Status, FollowUpOutcome? Outcome, DateOnly? ContactedOn, Occupation? Occupation,
    int? ExtentPercent, IReadOnlyList<IncomeSource>? IncomeSources);

public sealed record ExportedAccess(DateTime AtUtc, string UserName, AuditAction Action);

internal sealed class ExportDataSubjectValidator : AbstractValidator<ExportDataSubjectQuery>
{
    public ExportDataSubjectValidator(TimeProvider clock) => PersonalIdentityNumberRules.AddRules(this, clock);
}

internal sealed class ExportDataSubjectHandler(
    FollowUpDbContext db, IdentityProtector protector, CallerContext callers, ParticipationReader reader, AuditLog audit, TimeProvider clock)
    : IQueryHandler<ExportDataSubjectQuery, DataSubjectExport>
{
    public async ValueTask<DataSubjectExport> Handle(ExportDataSubjectQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var number = PersonalIdentityNumber.Parse(query.PersonalIdentityNumber!, clock.Today());
        var hash = protector.Hash(number);
        var person = await db.Participants.AsNoTracking()
            .Where(p => p.ProviderId == caller.ProviderId && p.IdentityHash == hash)
            .Select(p => new { p.Id, p.Gender, p.BirthYear, p.CreatedAtUtc, Provider = p.Provider!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            await audit.WriteAsync(AuditAction.Export, AuditLog.Participant, null, caller.AssociationId, caller.ProviderId,
                "Registerutdrag: ingen träff", cancellationToken);
            throw new NotFoundException("Utföraren har inga uppgifter om personnumret.");
        }

        var participations = await reader.ListAsync(
            db.Participations.AsNoTracking().Where(p => p.ParticipantId == person.Id).OrderBy(p => p.StartDate), cancellationToken);
        var ids = participations.Select(p => p.Id).ToList();
        var names = await db.Participations.AsNoTracking().Where(p => p.ParticipantId == person.Id)
            .Select(p => new { p.Id, p.Intervention!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var followUps = await db.TwelveMonthFollowUps.AsNoTracking().Where(f => f.Participation!.ParticipantId == person.Id)
            .Select(f => new
            {
                f.ParticipationId,
                FollowUp = new ExportedFollowUp(f.DueDate, f.Status,
                    f.Result == null ? null : f.Result.Outcome,
                    f.Result == null ? null : f.Result.ContactedOn,
                    f.Result == null ? null : f.Result.Occupation,
                    f.Result == null ? null : f.Result.ExtentPercent,
                    f.Result == null ? null : f.Result.IncomeSources),
            })
            .ToDictionaryAsync(f => f.ParticipationId, f => f.FollowUp, cancellationToken);
        var idTexts = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var access = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.IdentityRead && a.EntityType == AuditLog.Participation && idTexts.Contains(a.EntityId!))
            .OrderBy(a => a.AtUtc)
            .Select(a => new ExportedAccess(a.AtUtc, a.UserName, a.Action))
            .ToListAsync(cancellationToken);

        var referrals = await db.Referrals.AsNoTracking().Where(r => r.ParticipantId == person.Id)
            .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Select(r => new ExportedReferral(r.Intervention!.Name, r.ReceivedOn, r.ReferredBy, r.ReferringTeam, r.State, r.ConsentDate,
                r.AcceptedOn, r.PlannedStartDate, r.DeclinedOn, r.DeclineReason, r.WithdrawnOn, r.ParticipationId))
            .ToListAsync(cancellationToken);

        await audit.WriteAsync(AuditAction.Export, AuditLog.Participant, person.Id, caller.AssociationId, caller.ProviderId,
            "Registerutdrag", cancellationToken);
        return new DataSubjectExport(
            $"{number.Value[..8]}-{number.Value[8..]}", person.Provider, person.Gender, person.BirthYear, person.CreatedAtUtc,
            [.. participations.Select(p => new ExportedParticipation(names[p.Id], p, followUps.GetValueOrDefault(p.Id)))],
            access,
            clock.GetUtcNow().UtcDateTime) { Referrals = referrals };
    }
}

public static class ExportDataSubjectEndpoint
{
    public static RouteGroupBuilder MapExportDataSubject(this RouteGroupBuilder group)
    {
        group.MapPost("/data-subject/export", async Task<Ok<DataSubjectExport>> (ExportDataSubjectQuery query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .WithName("ExportDataSubject")
            .WithSummary("Register extract: everything the coach's provider holds on one personnummer, as JSON. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
