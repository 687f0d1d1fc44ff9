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

/// <summary>The office accepts a provider's attested report for the tertial.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record AcceptTertialReportCommand(long ProviderId, int Year, int Tertial) : ICommand<ProviderTertialReportResponse>, IProviderScoped;

internal sealed class AcceptTertialReportValidator : AbstractValidator<AcceptTertialReportCommand>
{
    public AcceptTertialReportValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class AcceptTertialReportHandler(TertialCycleRules cycle)
    : ICommandHandler<AcceptTertialReportCommand, ProviderTertialReportResponse>
{
    public ValueTask<ProviderTertialReportResponse> Handle(AcceptTertialReportCommand command, CancellationToken cancellationToken) =>
        new(cycle.ReviewAsync(command.ProviderId, command.Year, command.Tertial, TertialReportState.Accepted, null, cancellationToken));
}

public static class AcceptTertialReportEndpoint
{
    public static RouteGroupBuilder MapAcceptTertialReport(this RouteGroupBuilder group)
    {
        group.MapPost(GetProviderTertialReportEndpoint.Route + "/accept", async Task<Ok<ProviderTertialReportResponse>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AcceptTertialReportCommand(providerId, year, tertial), ct)))
            .WithName("AcceptTertialReport")
            .WithSummary("The office accepts a provider's attested report for the tertial.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
