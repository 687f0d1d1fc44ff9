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

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// Which of the provider's participations to list ("Mina deltagare") or export: status, one
/// intervention, started or ended between two dates, and the state of the 12-month follow-up
/// (a <see cref="FollowUpStatus"/> name, or <c>None</c> for participations without one).
/// </summary>
public sealed record ParticipantListFilter(
    string? Status = null,
    long? InterventionId = null,
    DateOnly? StartedFrom = null,
    DateOnly? StartedTo = null,
    DateOnly? EndedFrom = null,
    DateOnly? EndedTo = null,
    string? FollowUpStatus = null)
{
    public const string NoFollowUp = "None";

    /// <summary>The filter's conditions, as the database runs them.</summary>
    internal IQueryable<Participation> Apply(IQueryable<Participation> participations, FollowUpDbContext db)
    {
        participations = Enum.Parse<ParticipationStatusFilter>(Status ?? nameof(ParticipationStatusFilter.All), ignoreCase: true) switch
        {
            ParticipationStatusFilter.Active => participations.Where(p => p.EndDate == null),
            ParticipationStatusFilter.Ended => participations.Where(p => p.EndDate != null),
            _ => participations,
        };
        if (InterventionId is { } interventionId)
        {
            participations = participations.Where(p => p.InterventionId == interventionId);
        }

        if (StartedFrom is { } startedFrom)
        {
            participations = participations.Where(p => p.StartDate >= startedFrom);
        }

        if (StartedTo is { } startedTo)
        {
            participations = participations.Where(p => p.StartDate <= startedTo);
        }

        if (EndedFrom is { } endedFrom)
        {
            participations = participations.Where(p => p.EndDate != null && p.EndDate >= endedFrom);
        }

        if (EndedTo is { } endedTo)
        {
            participations = participations.Where(p => p.EndDate != null && p.EndDate <= endedTo);
        }

        if (string.Equals(FollowUpStatus, NoFollowUp, StringComparison.OrdinalIgnoreCase))
        {
            participations = participations.Where(p => !db.TwelveMonthFollowUps.Any(f => f.ParticipationId == p.Id));
        }
        else if (FollowUpStatus is not null)
        {
            var status = Enum.Parse<FollowUpStatus>(FollowUpStatus, ignoreCase: true);
            participations = participations.Where(p => db.TwelveMonthFollowUps.Any(f => f.ParticipationId == p.Id && f.Status == status));
        }

        return participations;
    }
}

/// <summary>One participation in the provider's list; the personnummer masked unless an export asked for it in full.</summary>
public sealed record ProviderParticipationResponse(
    long Id,
    string Reference,
    long InterventionId,
    string InterventionName,
    RegistrationMode RegistrationMode,
    string? PersonalIdentityNumber,
    Gender Gender,
    int? BirthYear,
    DateOnly StartDate,
    DateOnly? EndDate,
    ExitReason? ExitReason,
    FollowUpStatus? FollowUpStatus,
    DateOnly? FollowUpDueDate,
    long? FollowUpId = null);

/// <summary>"Mina deltagare": the caller's provider's participations across its interventions, newest start first, paged.</summary>
[Access(UserRole.Coach)]
public sealed record ListProviderParticipationsQuery(ParticipantListFilter Filter, int Page, int PageSize)
    : IQuery<PagedResponse<ProviderParticipationResponse>>;

internal static class ParticipantListFilterRules
{
    /// <summary>The filter's rules, each keyed by the query parameter's own name.</summary>
    public static void AddFilterRules<T>(this AbstractValidator<T> validator, Func<T, ParticipantListFilter> filter)
    {
        validator.RuleFor(x => filter(x).Status).IsEnumName(typeof(ParticipationStatusFilter), caseSensitive: false)
            .OverridePropertyName("status").WithMessage("Status är inte ett tillåtet värde. Tillåtna värden: active, ended, all.");
        validator.RuleFor(x => filter(x).FollowUpStatus)
            .Must(s => s is null || string.Equals(s, ParticipantListFilter.NoFollowUp, StringComparison.OrdinalIgnoreCase)
                || Enum.TryParse<FollowUpStatus>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(s, out _))
            .OverridePropertyName("followUpStatus")
            .WithMessage("Uppföljningens status är inte ett tillåtet värde. Tillåtna värden: None, Upcoming, Due, Overdue, Expired, Completed, Cancelled.");
        validator.RuleFor(x => filter(x).StartedTo)
            .Must((x, to) => filter(x).StartedFrom is not { } from || to is not { } until || from <= until)
            .OverridePropertyName("startedTo").WithMessage("Startdatum till får inte vara före startdatum från.");
        validator.RuleFor(x => filter(x).EndedTo)
            .Must((x, to) => filter(x).EndedFrom is not { } from || to is not { } until || from <= until)
            .OverridePropertyName("endedTo").WithMessage("Slutdatum till får inte vara före slutdatum från.");
    }
}

internal sealed class ListProviderParticipationsValidator : AbstractValidator<ListProviderParticipationsQuery>
{
    public ListProviderParticipationsValidator()
    {
        this.AddFilterRules(x => x.Filter);
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListProviderParticipationsHandler(ProviderParticipationReader reader)
    : IQueryHandler<ListProviderParticipationsQuery, PagedResponse<ProviderParticipationResponse>>
{
    public async ValueTask<PagedResponse<ProviderParticipationResponse>> Handle(
        ListProviderParticipationsQuery query, CancellationToken cancellationToken)
    {
        var (total, items) = await reader.ListAsync(query.Filter, query.Page, query.PageSize, fullIdentity: false, cancellationToken);
        return new PagedResponse<ProviderParticipationResponse>(items, query.Page, query.PageSize, total);
    }
}

/// <summary>The provider's list, counted and paged by the database; identities decrypted per page only to be masked (or, for an audited export, shown).</summary>
internal sealed class ProviderParticipationReader(FollowUpDbContext db, IdentityProtector protector, CallerContext callers)
{
    public Task<(int Total, IReadOnlyList<ProviderParticipationResponse> Items)> ListAsync(
        ParticipantListFilter filter, int page, int pageSize, bool fullIdentity, CancellationToken cancellationToken) =>
        ListAsync(filter.Apply(db.Participations, db), page, pageSize, fullIdentity, cancellationToken);

    /// <summary>Any set of participations (a data-quality check's, say), narrowed to the caller's own.</summary>
    public async Task<(int Total, IReadOnlyList<ProviderParticipationResponse> Items)> ListAsync(
        IQueryable<Participation> participations, int page, int pageSize, bool fullIdentity, CancellationToken cancellationToken)
    {
        participations = participations.AsNoTracking().VisibleTo(callers.Current);
        var total = await participations.CountAsync(cancellationToken);
        var rows = await participations
            .OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id)
            .Page(page, pageSize)
            .Select(p => new
            {
                p.Id,
                p.InterventionId,
                InterventionName = p.Intervention!.Name,
                p.Intervention.RegistrationMode,
                p.Participant!.IdentityCipher,
                p.Participant.Gender,
                p.Participant.BirthYear,
                p.StartDate,
                p.EndDate,
                p.ExitReason,
                FollowUp = db.TwelveMonthFollowUps.Where(f => f.ParticipationId == p.Id)
                    .Select(f => new { f.Id, f.Status, f.DueDate }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return (total, [.. rows.Select(r => new ProviderParticipationResponse(
            r.Id, SwedishFormat.Reference(r.Id), r.InterventionId, r.InterventionName, r.RegistrationMode,
            r.IdentityCipher is { } cipher ? Show(protector.Decrypt(cipher), fullIdentity) : null,
            r.Gender, r.BirthYear, r.StartDate, r.EndDate, r.ExitReason, r.FollowUp?.Status, r.FollowUp?.DueDate, r.FollowUp?.Id))]);
    }

    private static string Show(PersonalIdentityNumber number, bool full) =>
        full ? $"{number.Value[..8]}-{number.Value[8..]}" : number.Masked;
}

public static class ListProviderParticipationsEndpoint
{
    public static RouteGroupBuilder MapListProviderParticipations(this RouteGroupBuilder group)
    {
        group.MapGet("/participations", async Task<Ok<PagedResponse<ProviderParticipationResponse>>> (
                [AsParameters] ParticipantListFilter filter, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(
                    new ListProviderParticipationsQuery(filter, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListProviderParticipations")
            .WithSummary("The caller's provider's participations across its interventions, newest start first; filter by status, intervention, start and end dates and follow-up status.")
            .ProducesValidationProblem();
        return group;
    }
}
