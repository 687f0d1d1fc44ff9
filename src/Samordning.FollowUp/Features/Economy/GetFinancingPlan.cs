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
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>
/// The financing table of the association's plan: per member and year the contribution (entered,
/// or computed by the legal split), its share, and a municipality's population with its share of
/// the municipalities'. Every year that does not add up says so in <see cref="Problems"/>.
/// </summary>
public sealed record FinancingPlanResponse(long AssociationId, string AssociationName, int FromYear, IReadOnlyList<FinancingYear> Years)
{
    public bool AddsUp => Years.All(y => y.AddsUp && y.Problems.Count == 0);

    /// <summary>Every problem of every year, "2018: Raderna summerar till …".</summary>
    public IReadOnlyList<string> Problems => [.. Years.SelectMany(y => y.Problems.Select(p => $"{y.Year}: {p}"))];

    /// <summary>The table the page and the xlsx show: one row per member, a group of columns per year, the sums under it.</summary>
    [JsonIgnore]
    public DocumentTable Table => FinancingPlanTable.Of(this);
}

[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetFinancingPlanQuery(long AssociationId, int FromYear, int Years) : IQuery<FinancingPlanResponse>, IAssociationScoped;

internal sealed class GetFinancingPlanValidator : AbstractValidator<GetFinancingPlanQuery>
{
    public GetFinancingPlanValidator()
    {
        RuleFor(x => x.FromYear).ValidYear();
        RuleFor(x => x.Years).InclusiveBetween(1, 5).WithMessage("Planen kan visa 1–5 år.");
    }
}

internal sealed class GetFinancingPlanHandler(FollowUpDbContext db, EconomyBuilder economy) : IQueryHandler<GetFinancingPlanQuery, FinancingPlanResponse>
{
    public async ValueTask<FinancingPlanResponse> Handle(GetFinancingPlanQuery query, CancellationToken cancellationToken)
    {
        var name = await db.Associations.Where(a => a.Id == query.AssociationId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);
        var years = new List<FinancingYear>();
        for (var year = query.FromYear; year < query.FromYear + query.Years; year++)
        {
            years.Add(await economy.FinancingAsync(query.AssociationId, year, cancellationToken));
        }

        return new FinancingPlanResponse(query.AssociationId, name, query.FromYear, years);
    }
}

/// <summary>The financing plan as one document table (page and xlsx).</summary>
internal static class FinancingPlanTable
{
    public static DocumentTable Of(FinancingPlanResponse plan)
    {
        var members = plan.Years.SelectMany(y => y.Rows).DistinctBy(r => r.MemberId).ToList();
        DocumentColumn[] columns =
        [
            new("Medlem", CellKind.Text, 32),
            new("Part", CellKind.Text, 10),
            .. plan.Years.SelectMany(y => new DocumentColumn[]
            {
                new($"Befolkning {y.Year}", CellKind.Integer, 12, y.Year.ToString(SwedishFormat.Culture), "Befolkning"),
                new($"Andel av kommunernas del {y.Year} (%)", CellKind.OneDecimal, 12, y.Year.ToString(SwedishFormat.Culture), "Andel av kommunernas del (%)"),
                new($"Avgift {y.Year} (kr)", CellKind.Integer, 14, y.Year.ToString(SwedishFormat.Culture), "Avgift (kr)"),
                new($"Andel av totalen {y.Year} (%)", CellKind.OneDecimal, 12, y.Year.ToString(SwedishFormat.Culture), "Andel av totalen (%)"),
            }),
        ];
        var rows = new List<DocumentRow>();
        foreach (var member in members)
        {
            rows.Add(new DocumentRow(RowKind.Item,
            [
                TableCell.OfText(member.Member),
                TableCell.OfText(member.KindText),
                .. plan.Years.SelectMany(y => y.Rows.FirstOrDefault(r => r.MemberId == member.MemberId) is { } row
                    ? new[] { TableCell.OfInteger(row.Population), Percent(row.PopulationShareBasisPoints), TableCell.OfInteger(row.AmountSek), Percent(row.ShareOfTotalBasisPoints) }
                    : [TableCell.OfText(null), TableCell.OfText(null), TableCell.OfText(null), TableCell.OfText(null)]),
            ]));
        }

        rows.Add(Sum("Summa raderna", plan, y => y.RowsSumSek, RowKind.Subtotal));
        rows.Add(Sum("Angiven total", plan, y => y.TotalSek, RowKind.Item));
        rows.Add(Sum("Skillnad mot angiven total", plan, y => y.TotalSek is { } t ? t - y.RowsSumSek : null, RowKind.Item));
        rows.Add(Sum("Statens del enligt lagen (hälften)", plan, y => y.StatePartSek, RowKind.Item));
        rows.Add(Sum("Regionens del enligt lagen (en fjärdedel)", plan, y => y.RegionPartSek, RowKind.Item));
        rows.Add(Sum("Kommunernas del enligt lagen (en fjärdedel)", plan, y => y.MunicipalPartSek, RowKind.Item));
        var problems = plan.Problems;
        return new DocumentTable("finansieringsplan", $"Finansieringsplan {plan.FromYear}–{plan.FromYear + plan.Years.Count - 1}, {plan.AssociationName}",
            "Finansieringsplan", columns, rows, KeyColumns: 2,
            Introduction: problems.Count == 0
                ? "Alla år summerar till sin total och följer lagens fördelning."
                : "Stämmer inte: " + string.Join(" ", problems));
    }

    private static DocumentRow Sum(string name, FinancingPlanResponse plan, Func<FinancingYear, long?> value, RowKind kind) => new(kind,
    [
        TableCell.OfText(name),
        TableCell.OfText(null),
        .. plan.Years.SelectMany(y => new[] { TableCell.OfText(null), TableCell.OfText(null), TableCell.OfInteger(value(y)), TableCell.OfText(null) }),
    ]);

    private static TableCell Percent(int? basisPoints) => basisPoints is { } bp
        ? new TableCell(CellKind.OneDecimal, null, Math.Round(bp / 100m, 1, MidpointRounding.AwayFromZero))
        : TableCell.OfText(null);
}

public static class GetFinancingPlanEndpoint
{
    public const string Route = "/associations/{associationId:long}/economy/financing-plan";

    public static RouteGroupBuilder MapGetFinancingPlan(this RouteGroupBuilder group)
    {
        group.MapGet(Route, async Task<Ok<FinancingPlanResponse>> (
                long associationId, int? from, int? years, ISender sender, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFinancingPlanQuery(associationId, from ?? clock.GetUtcNow().Year, years ?? 3), ct)))
            .WithName("GetFinancingPlan")
            .WithSummary("The financing table: per member and year the contribution by the legal split, population shares, and what does not add up.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet(Route + ".xlsx", async Task<IResult> (
                long associationId, int? from, int? years, ISender sender, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                var plan = await sender.Send(new GetFinancingPlanQuery(associationId, from ?? clock.GetUtcNow().Year, years ?? 3), ct);
                await audit.WriteAsync(AuditAction.Export, AuditLog.Economy, $"finansieringsplan-{plan.FromYear}", associationId, null, "Finansieringsplan som .xlsx", ct);
                var stream = new MemoryStream();
                FinancingPlanXlsx.Write(plan, stream);
                stream.Position = 0;
                return TypedResults.File(stream, Reports.ReportFileTypes.Xlsx, $"finansieringsplan-{plan.FromYear}-{plan.FromYear + plan.Years.Count - 1}.xlsx");
            })
            .WithName("DownloadFinancingPlanXlsx")
            .WithSummary("The financing table as an .xlsx file (the same cells as the page).")
            .Produces(StatusCodes.Status200OK, contentType: Reports.ReportFileTypes.Xlsx)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}

internal static class FinancingPlanXlsx
{

    public static void Write(FinancingPlanResponse plan, Stream output)
    {
        var workbook = new XlsxWorkbook();
        var sheet = workbook.AddSheet("Finansieringsplan");
        var table = plan.Table;
        sheet.AddRow([TableCell.OfText(table.Title)], RowStyle.Title);
        sheet.AddRow([TableCell.OfText(table.Introduction)]);
        sheet.AddBlankRow();
        sheet.AddDocumentTable(table);
        workbook.Save(output);
    }
}
