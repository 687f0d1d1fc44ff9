using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// What an attestation would store now: the provider's interventions' figures for the tertial
/// (active, new, ended by gender, count-only) and its checklist. The coach's confirm step shows
/// these before "Intyga"; the attestation keeps the same record.
/// </summary>
[Access(UserRole.Coach, UserRole.AssociationAdmin)]
public sealed record GetTertialAttestationFiguresQuery(long ProviderId, int Year, int Tertial) : IQuery<AttestedFigures>, IProviderScoped;

internal sealed class GetTertialAttestationFiguresValidator : AbstractValidator<GetTertialAttestationFiguresQuery>
{
    public GetTertialAttestationFiguresValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetTertialAttestationFiguresHandler(TertialCycleRules cycle) : IQueryHandler<GetTertialAttestationFiguresQuery, AttestedFigures>
{
    public async ValueTask<AttestedFigures> Handle(GetTertialAttestationFiguresQuery query, CancellationToken cancellationToken)
    {
        var provider = await cycle.ProviderAsync(query.ProviderId, cancellationToken);
        return await cycle.FiguresAsync(provider, query.Year, query.Tertial, cancellationToken);
    }
}

public static class GetTertialAttestationFiguresEndpoint
{
    public static RouteGroupBuilder MapGetTertialAttestationFigures(this RouteGroupBuilder group)
    {
        group.MapGet(GetProviderTertialReportEndpoint.Route + "/figures", async Task<Ok<AttestedFigures>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetTertialAttestationFiguresQuery(providerId, year, tertial), ct)))
            .WithName("GetTertialAttestationFigures")
            .WithSummary("The figures an attestation of the tertial would store now (the provider's interventions, the tertial alone, and its checklist).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
