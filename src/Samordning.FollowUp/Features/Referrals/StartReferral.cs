using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>
/// Starts a referral: the intake (<see cref="RegisterParticipationCommand"/>) with the referral's id,
/// so there is one intake with one set of rules. Fields the referral knows may be left out.
/// </summary>
public static class StartReferralEndpoint
{
    public static RouteGroupBuilder MapStartReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/referrals/{id:long}/start", async Task<Created<ParticipationResponse>> (
                long id,
                StartFromReferral start,
                [FromHeader(Name = RegisterParticipationEndpoint.IdempotencyKeyHeader)] string? idempotencyKey,
                HttpContext http,
                ISender sender,
                CancellationToken ct) =>
            {
                // Reading it first checks the coach's scope and names the intervention.
                var referral = await sender.Send(new GetReferralQuery(id), ct);
                var result = await sender.Send(new RegisterParticipationCommand(start with { ReferredBy = start.ReferredBy ?? referral.ReferredBy })
                {
                    InterventionId = referral.InterventionId,
                    ReferralId = id,
                    IdempotencyKey = idempotencyKey,
                }, ct);
                if (result.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Created($"/api/v1/participations/{result.Participation.Id}", result.Participation);
            })
            .WithName("StartReferral")
            .WithSummary("Start a participation from a referral: the intake, pre-filled from the referral, which closes as started.")
            .WithDescription("Leave out what the referral knows (personnummer, consent, gender and birth year, referred by). A retry returns the same participation.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
