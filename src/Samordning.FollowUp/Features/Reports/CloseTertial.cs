using System.Text.Json.Serialization;
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

namespace Samordning.FollowUp.Features.Reports;

/// <summary>Closes a tertial: its report (both modes) is stored as adopted and never changes again.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record CloseTertialCommand(string? AdoptedBy) : ICommand<TertialReportView>, IAssociationScoped
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
    public CloseTertialValidator()
    {
        RuleFor(x => x.AdoptedBy).NotEmpty().WithMessage("Ange vem som fastställer rapporten.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");
        RuleFor(x => x.Tertial).InclusiveBetween(1, 3).WithMessage("Tertial ska vara 1, 2 eller 3.");
    }
}

internal sealed class CloseTertialHandler(FollowUpDbContext db, TimeProvider clock, TertialReportBuilder builder)
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

        var now = clock.GetUtcNow().UtcDateTime;
        var by = command.AdoptedBy!.Trim();
        TertialReport Adopted(TertialReport r) => r with { Header = r.Header with { AdoptedAtUtc = now, AdoptedBy = by } };
        var period = Adopted(await builder.BuildAsync(command.AssociationId, command.Year, command.Tertial, ReportMode.Period, cancellationToken));
        var yearToDate = Adopted(await builder.BuildAsync(command.AssociationId, command.Year, command.Tertial, ReportMode.YearToDate, cancellationToken));

        db.ReportAdoptions.Add(new ReportAdoption
        {
            AssociationId = command.AssociationId,
            Year = command.Year,
            Tertial = command.Tertial,
            AdoptedBy = by,
            AdoptedAtUtc = now,
            PeriodReport = ReportSnapshots.Serialize(period),
            YearToDateReport = ReportSnapshots.Serialize(yearToDate),
        });
        await db.SaveChangesUniqueAsync(AlreadyClosed, null, cancellationToken);
        return new TertialReportView(ReportStatus.Adopted, period, []);
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
            .WithSummary("Close the tertial: store its report as adopted (who, when); it never changes afterwards.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
