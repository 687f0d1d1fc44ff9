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

/// <summary>
/// The provider attests that its figures for an ended tertial are complete. Open checklist items
/// do not block it, but the provider has to say why. Sent again to an attested report it changes
/// nothing and answers the report as it stands.
/// </summary>
[Access(UserRole.Coach)]
public sealed record AttestTertialReportCommand(string? Reason) : ICommand<ProviderTertialReportResponse>, IProviderScoped
{
    [JsonIgnore]
    public long ProviderId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

internal sealed class AttestTertialReportValidator : AbstractValidator<AttestTertialReportCommand>
{
    public AttestTertialReportValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
        RuleFor(x => x.Reason).Must(r => r is null || r.Trim().Length > 0).WithMessage("Skriv en motivering eller utelämna fältet.")
            .MaximumLength(2000).WithMessage("Motiveringen får vara högst 2000 tecken.");
    }
}

internal sealed class AttestTertialReportHandler(TertialCycleRules cycle, TimeProvider clock)
    : ICommandHandler<AttestTertialReportCommand, ProviderTertialReportResponse>
{
    public async ValueTask<ProviderTertialReportResponse> Handle(AttestTertialReportCommand command, CancellationToken cancellationToken)
    {
        var provider = await cycle.ProviderAsync(command.ProviderId, cancellationToken);
        if (Tertials.End(command.Year, command.Tertial) >= clock.Today())
        {
            throw new RuleViolationException("tertial", "Tertialen kan intygas först när den har slutat.");
        }

        await cycle.EnsureNotAdoptedAsync(provider, command.Year, command.Tertial, cancellationToken);
        var report = await cycle.FindAsync(provider.Id, command.Year, command.Tertial, cancellationToken);
        switch (report?.State)
        {
            case TertialReportState.Attested:
                // A retry: the attestation stands as it was made.
                return await cycle.ResponseAsync(provider, command.Year, command.Tertial, cancellationToken);
            case TertialReportState.Accepted:
                throw new ConflictException("Rapporten är redan godkänd av förbundet och kan inte intygas igen.");
        }

        // The figures attested are the report's rows of the provider's interventions, the tertial alone, as they are now.
        var attested = await cycle.FiguresAsync(provider, command.Year, command.Tertial, cancellationToken);
        var reason = command.Reason?.Trim();
        if (TertialCycleRules.OpenItems(attested.Checklist) > 0 && reason is null)
        {
            throw new RuleViolationException("reason",
                "Checklistan har öppna punkter. Skriv varför rapporten intygas ändå, eller åtgärda punkterna först.");
        }

        report ??= cycle.Add(provider, command.Year, command.Tertial);
        await cycle.MoveAsync(provider, report, TertialReportState.Attested, reason, attested, cancellationToken);
        return await cycle.ResponseAsync(provider, command.Year, command.Tertial, cancellationToken);
    }
}

public static class AttestTertialReportEndpoint
{
    public static RouteGroupBuilder MapAttestTertialReport(this RouteGroupBuilder group)
    {
        group.MapPost(GetProviderTertialReportEndpoint.Route + "/attest", async Task<Ok<ProviderTertialReportResponse>> (
                long providerId, int year, int tertial, AttestTertialReportCommand? command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send((command ?? new AttestTertialReportCommand(null)) with
                {
                    ProviderId = providerId, Year = year, Tertial = tertial,
                }, ct)))
            .WithName("AttestTertialReport")
            .WithSummary("A coach of the provider attests its figures for an ended tertial; a reason is required while the checklist has open items.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
