using System.Text.Json.Serialization;
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

/// <summary>The office sends a provider's attested report back with a remark; it is Open again.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ReturnTertialReportCommand(string? Remark) : ICommand<ProviderTertialReportResponse>, IProviderScoped
{
    [JsonIgnore]
    public long ProviderId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

internal sealed class ReturnTertialReportValidator : AbstractValidator<ReturnTertialReportCommand>
{
    public ReturnTertialReportValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
        RuleFor(x => x.Remark).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Skriv vad utföraren behöver rätta.")
            .MaximumLength(2000).WithMessage("Kommentaren får vara högst 2000 tecken.");
    }
}

internal sealed class ReturnTertialReportHandler(TertialCycleRules cycle)
    : ICommandHandler<ReturnTertialReportCommand, ProviderTertialReportResponse>
{
    public ValueTask<ProviderTertialReportResponse> Handle(ReturnTertialReportCommand command, CancellationToken cancellationToken) =>
        new(cycle.ReviewAsync(command.ProviderId, command.Year, command.Tertial, TertialReportState.Open, command.Remark!.Trim(), cancellationToken));
}

public static class ReturnTertialReportEndpoint
{
    public static RouteGroupBuilder MapReturnTertialReport(this RouteGroupBuilder group)
    {
        group.MapPost(GetProviderTertialReportEndpoint.Route + "/return", async Task<Ok<ProviderTertialReportResponse>> (
                long providerId, int year, int tertial, ReturnTertialReportCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ProviderId = providerId, Year = year, Tertial = tertial }, ct)))
            .WithName("ReturnTertialReport")
            .WithSummary("The office sends a provider's attested report back with a remark; the report is open again.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
