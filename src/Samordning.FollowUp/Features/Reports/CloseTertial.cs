using System.Text.Json.Serialization;
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
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Closes (adopts, "fastställer") a tertial: its report (both modes) is stored as adopted and never
/// changes again. Refused while a provider of the tertial's cycle is not accepted, unless
/// <paramref name="OverrideReason"/> says why the office adopts anyway; that reason is kept with
/// the adoption, audited and printed in the report.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record CloseTertialCommand(string? AdoptedBy, string? OverrideReason = null) : ICommand<TertialReportView>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

internal sealed class CloseTertialValidator : AbstractValidator<CloseTertialCommand>
{
    public const int MaxReasonLength = 2000;

    public CloseTertialValidator()
    {
        RuleFor(x => x.AdoptedBy).NotEmpty().WithMessage("Ange vem som fastställer rapporten.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.OverrideReason).Must(r => r is null || r.Trim().Length > 0).WithMessage("Skriv en motivering eller utelämna fältet.")
            .MaximumLength(MaxReasonLength).WithMessage($"Motiveringen får vara högst {MaxReasonLength} tecken.");
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed partial class CloseTertialHandler(
    FollowUpDbContext db, TimeProvider clock, TertialReportBuilder builder, TertialCycleProviders cycle, AuditLog audit,
    ReportTrends trends, BoardDisclosure disclosure, Economy.EconomyBuilder economy)
    : ICommandHandler<CloseTertialCommand, TertialReportView>
{
    private const string AlreadyClosed = "Tertialen är redan fastställd. Senare ändringar visas som rättelser bredvid den fastställda rapporten.";

    public async ValueTask<TertialReportView> Handle(CloseTertialCommand command, CancellationToken cancellationToken)
    {
        if (Tertials.End(command.Year, command.Tertial) >= clock.Today())
        {
            throw new RuleViolationException("tertial", "Tertialen kan fastställas först när den har slutat.");
        }

        if (await db.ReportAdoptions.AnyAsync(a => a.AssociationId == command.AssociationId && a.Year == command.Year
                && a.Tertial == command.Tertial, cancellationToken))
        {
            throw new ConflictException(AlreadyClosed);
        }

        // Every provider of the cycle accepted, or the office says why it adopts anyway.
        var notAccepted = await cycle.NotInAsync(command.AssociationId, command.Year, command.Tertial, [TertialReportState.Accepted], cancellationToken);
        var reason = notAccepted.Count == 0 ? null : command.OverrideReason?.Trim();
        if (notAccepted.Count > 0 && reason is null)
        {
            throw new RuleViolationException("overrideReason",
                $"{(notAccepted.Count == 1 ? "En utförare är" : $"{notAccepted.Count} utförare är")} inte godkänd{(notAccepted.Count == 1 ? "" : "a")}: "
                + $"{TertialCycleProviders.Names(notAccepted)}. Fastställ när alla är godkända, eller skriv en motivering för att fastställa ändå.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = command.AdoptedBy!.Trim();
        TertialReport Adopted(TertialReport r) => r with
        {
            Header = r.Header with { AdoptedAtUtc = now, AdoptedBy = by, AdoptionOverrideReason = reason },
        };
        // The economy is adopted with the report, so the board's adopted report keeps the figures it was shown.
        var period = Adopted(await economy.AttachAsync(await builder.BuildAsync(command.AssociationId, command.Year, command.Tertial, ReportMode.Period, cancellationToken), cancellationToken));
        var yearToDate = Adopted(await economy.AttachAsync(await builder.BuildAsync(command.AssociationId, command.Year, command.Tertial, ReportMode.YearToDate, cancellationToken), cancellationToken));
        var masks = await BoardMasksAsync(command, period, yearToDate, cancellationToken);

        var adoption = new ReportAdoption
        {
            AssociationId = command.AssociationId,
            Year = command.Year,
            Tertial = command.Tertial,
            AdoptedBy = by,
            AdoptedAtUtc = now,
            OverrideReason = reason,
            PeriodReport = ReportSnapshots.Serialize(period),
            YearToDateReport = ReportSnapshots.Serialize(yearToDate),
            BoardPeriodMasks = ReportSnapshots.SerializeMasks(masks.Period),
            BoardYearToDateMasks = ReportSnapshots.SerializeMasks(masks.YearToDate),
        };
        db.ReportAdoptions.Add(adoption);

        // The audit line names the adoption by id, known once it is saved: both saves are one transaction.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        await db.SaveChangesUniqueAsync(AlreadyClosed, null, cancellationToken);
        audit.Add(AuditAction.TertialAdopted, AuditLog.Report, adoption.Id, command.AssociationId, null,
            reason is null
                ? $"{command.Year} T{command.Tertial}: alla utförare godkända"
                // Who was not accepted first: a long reason (kept whole with the adoption) is what the line cuts.
                : $"{command.Year} T{command.Tertial}: ej godkända: {TertialCycleProviders.Names(notAccepted)}. {Files.ReportText.OverridePrefix}{reason}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TertialReportView(ReportStatus.Adopted, period, []);
    }
}

internal sealed partial class CloseTertialHandler
{
    /// <summary>What the board is shown of the reports being adopted: kept, so it never loosens (<see cref="YearDisclosure"/>).</summary>
    private async Task<(MaskedCells Period, MaskedCells YearToDate)> BoardMasksAsync(
        CloseTertialCommand command, TertialReport period, TertialReport yearToDate, CancellationToken cancellationToken)
    {
        var threshold = await db.Associations.AsNoTracking().Where(a => a.Id == command.AssociationId)
            .Select(a => a.SmallNumberThreshold).SingleAsync(cancellationToken);
        // Without a threshold nothing is masked, and the trend is not needed to decide it.
        var trend = threshold <= 1 ? null : await trends.BuildAsync(command.AssociationId, command.Year, command.Tertial, cancellationToken);
        return await disclosure.MaskForAdoptionAsync(command.AssociationId, threshold, period, yearToDate, trend, cancellationToken);
    }
}

public static class CloseTertialEndpoint
{
    public static RouteGroupBuilder MapCloseTertial(this RouteGroupBuilder group)
    {
        group.MapPost(GetTertialReportEndpoint.Route + "/close", async Task<Ok<TertialReportView>> (
                long associationId, int year, int tertial, CloseTertialCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Year = year, Tertial = tertial }, ct)))
            .WithName("CloseTertial")
            .WithSummary("Close (adopt) the tertial: store its report as adopted (who, when); it never changes afterwards. "
                + "Refused (400, overrideReason) while a provider of the cycle is not accepted, unless overrideReason says why.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
