using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
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

/// <summary>One sum the import would write: an intervention's or a category's actual cost for a tertial.</summary>
public sealed record ImportedCost(string Kind, string Name, int Year, int Tertial, long AmountSek, int Rows);

/// <param name="Errors">"Rad 3: …" for every row that cannot be read; nothing is written while there is one.</param>
/// <param name="Written">True when the costs were saved (commit and no errors).</param>
public sealed record ImportActualCostsResponse(int Rows, IReadOnlyList<string> Errors, IReadOnlyList<ImportedCost> Costs, bool Written);

/// <summary>
/// Actual costs from the förbund's accounting, as CSV (semicolons, the header
/// <c>Typ;Namn;År;Tertial;Månad;Belopp</c>) or xlsx (the same columns on the first sheet). Typ is
/// "Insats" or "Administration"; Namn the intervention's name or the category (Kanslipersonal,
/// Lokaler, Revision, Informationsteknik, Övrig administration); either a tertial or a month. Months are summed
/// into their tertial; each sum replaces the tertial's actual cost. Without <c>commit</c> it is a
/// preview; with it, the whole file is written in one transaction, or nothing when a row is wrong.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ImportActualCostsCommand(string? FileName, string? ContentBase64, bool Commit) : ICommand<ImportActualCostsResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    public override string ToString() => $"{nameof(ImportActualCostsCommand)} {{ FileName = {FileName}, Commit = {Commit} }}";
}

internal sealed class ImportActualCostsValidator : AbstractValidator<ImportActualCostsCommand>
{
    public ImportActualCostsValidator()
    {
        RuleFor(x => x.FileName).NotEmpty().WithMessage("Filens namn måste anges.")
            .Must(n => n is null || n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx).");
        RuleFor(x => x.ContentBase64).NotEmpty().WithMessage("Filen är tom.")
            .MaximumLength(4_000_000).WithMessage("Filen är för stor (högst cirka 3 MB).");
    }
}

internal sealed class ImportActualCostsHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<ImportActualCostsCommand, ImportActualCostsResponse>
{
    private static readonly string[] Header = ["typ", "namn", "år", "tertial", "månad", "belopp"];

    public async ValueTask<ImportActualCostsResponse> Handle(ImportActualCostsCommand command, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(command.ContentBase64!);
        }
        catch (FormatException)
        {
            throw new RuleViolationException("contentBase64", "Filen kunde inte läsas (inte base64).");
        }

        var table = Read(command.FileName!, bytes);
        var interventions = await db.Interventions.AsNoTracking().Where(i => i.AssociationId == command.AssociationId)
            .Select(i => new { i.Id, i.Name, i.StartDate, i.EndDate }).ToListAsync(cancellationToken);
        var errors = new List<string>();
        var sums = new Dictionary<(long? InterventionId, AdministrationCategory? Category, int Year, int Tertial), (string Name, long Amount, int Rows)>();
        if (table.Count == 0 || !table[0].Select(c => c.Trim().ToLowerInvariant()).Take(Header.Length).SequenceEqual(Header))
        {
            errors.Add("Rad 1: Första raden ska vara rubrikerna Typ;Namn;År;Tertial;Månad;Belopp.");
        }
        else
        {
            for (var i = 1; i < table.Count; i++)
            {
                var cells = table[i];
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var row = $"Rad {i + 1}: ";
                string Cell(int c) => c < cells.Count ? cells[c].Trim() : string.Empty;
                var problems = new List<string>();
                var kind = Cell(0).ToLowerInvariant();
                var name = Cell(1);
                if (!int.TryParse(Cell(2), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                {
                    problems.Add("året ska vara ett år mellan 2000 och 2100");
                }

                int? tertial = null;
                var hasTertial = Cell(3).Length > 0;
                var hasMonth = Cell(4).Length > 0;
                if (hasTertial == hasMonth)
                {
                    problems.Add("ange antingen tertial eller månad");
                }
                else if (hasTertial)
                {
                    tertial = int.TryParse(Cell(3), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 3 ? t : null;
                    if (tertial is null)
                    {
                        problems.Add("tertialen ska vara 1, 2 eller 3");
                    }
                }
                else
                {
                    tertial = int.TryParse(Cell(4), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? Tertials.Of(new DateOnly(2000, m, 1)) : null;
                    if (tertial is null)
                    {
                        problems.Add("månaden ska vara 1–12");
                    }
                }

                if (!SwedishFormat.TryParseWhole(Cell(5), out var amount) || amount is null or < 0 or > EconomyRules.MaxAmount)
                {
                    problems.Add("beloppet ska vara hela kronor, 0 eller mer");
                }

                long? interventionId = null;
                AdministrationCategory? category = null;
                if (kind == "insats")
                {
                    var match = interventions.Where(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (match.Count != 1)
                    {
                        problems.Add($"förbundet har ingen insats som heter \"{name}\"");
                    }
                    else if (problems.Count == 0 && !(match[0].StartDate.Year <= year && (match[0].EndDate is null || match[0].EndDate!.Value.Year >= year)))
                    {
                        problems.Add($"{match[0].Name} pågår inte {year}");
                    }
                    else
                    {
                        interventionId = match[0].Id;
                        name = match[0].Name;
                    }
                }
                else if (kind == "administration")
                {
                    category = Enum.GetValues<AdministrationCategory>().Cast<AdministrationCategory?>().FirstOrDefault(c =>
                        string.Equals(SwedishFormat.Label(c!.Value), name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Value.ToString(), name, StringComparison.OrdinalIgnoreCase));
                    if (category is null)
                    {
                        problems.Add($"okänt kostnadsslag \"{name}\" (Kanslipersonal, Lokaler, Revision, Informationsteknik eller Övrig administration)");
                    }
                    else
                    {
                        name = SwedishFormat.Label(category.Value);
                    }
                }
                else
                {
                    problems.Add("typen ska vara Insats eller Administration");
                }

                if (problems.Count > 0)
                {
                    errors.Add(row + string.Join("; ", problems) + ".");
                    continue;
                }

                var key = (interventionId, category, year, tertial!.Value);
                var sum = sums.GetValueOrDefault(key, (name, 0, 0));
                sums[key] = (name, sum.Item2 + amount!.Value, sum.Item3 + 1);
            }
        }

        var costs = sums.OrderBy(s => s.Key.InterventionId is null).ThenBy(s => s.Value.Name, StringComparer.Ordinal).ThenBy(s => s.Key.Year).ThenBy(s => s.Key.Item4)
            .Select(s => new ImportedCost(s.Key.InterventionId is null ? "Administration" : "Insats", s.Value.Name, s.Key.Year, s.Key.Item4, s.Value.Amount, s.Value.Rows)).ToList();
        var rows = Math.Max(0, table.Count - 1);
        if (!command.Commit || errors.Count > 0)
        {
            if (command.Commit)
            {
                // Nothing is written unless the whole file is right.
                throw new RuleViolationException(new Dictionary<string, string[]> { ["file"] = [.. errors] });
            }

            return new ImportActualCostsResponse(rows, errors, costs, Written: false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ((interventionId, category, year, tertial), (_, amount, _)) in sums)
        {
            if (interventionId is { } id)
            {
                // The file's other tertials of the same year are already tracked (added, not yet saved).
                var cost = db.InterventionCosts.Local.FirstOrDefault(c => c.InterventionId == id && c.Year == year)
                    ?? await db.InterventionCosts.SingleOrDefaultAsync(c => c.InterventionId == id && c.Year == year, cancellationToken)
                    ?? db.InterventionCosts.Add(new InterventionCost { InterventionId = id, Year = year }).Entity;
                Set(tertial, amount, v => cost.Tertial1Sek = v, v => cost.Tertial2Sek = v, v => cost.Tertial3Sek = v);
                cost.UpdatedAtUtc = now;
            }
            else
            {
                var cost = db.AdministrationCosts.Local.FirstOrDefault(c => c.AssociationId == command.AssociationId && c.Year == year && c.Category == category!.Value)
                    ?? await db.AdministrationCosts.SingleOrDefaultAsync(
                        c => c.AssociationId == command.AssociationId && c.Year == year && c.Category == category!.Value, cancellationToken)
                    ?? db.AdministrationCosts.Add(new AdministrationCost { AssociationId = command.AssociationId, Year = year, Category = category!.Value }).Entity;
                Set(tertial, amount, v => cost.Tertial1Sek = v, v => cost.Tertial2Sek = v, v => cost.Tertial3Sek = v);
                cost.UpdatedAtUtc = now;
            }
        }

        audit.Add(AuditAction.Updated, AuditLog.Economy, "import", command.AssociationId, null,
            $"Import av utfall från {command.FileName}: {rows} rader, {costs.Count} belopp per tertial");
        await db.SaveChangesUniqueAsync("Kostnaderna sparades samtidigt av någon annan. Försök igen.", "file", cancellationToken);
        return new ImportActualCostsResponse(rows, errors, costs, Written: true);
    }

    private static void Set(int tertial, long amount, Action<long?> t1, Action<long?> t2, Action<long?> t3) =>
        (tertial switch { 1 => t1, 2 => t2, _ => t3 })(amount);

    /// <summary>The file's rows as text cells: CSV split on semicolons (or commas when a line has none), xlsx's first sheet.</summary>
    private static List<List<string>> Read(string fileName, byte[] bytes)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var stream = new MemoryStream(bytes);
                using var document = SpreadsheetDocument.Open(stream, false);
                var workbook = document.WorkbookPart!;
                var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Descendants<Sheet>().First().Id!);
                var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
                return [.. sheet.Worksheet.Descendants<Row>().Select(r =>
                {
                    var cells = new List<string>();
                    foreach (var cell in r.Elements<Cell>())
                    {
                        var column = XlsxSheet.ColumnIndex(cell.CellReference?.Value);
                        while (cells.Count < column)
                        {
                            cells.Add(string.Empty);
                        }

                        cells.Add(cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.InnerText, CultureInfo.InvariantCulture)]
                            : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
                            : cell.CellValue?.Text ?? string.Empty);
                    }

                    return cells;
                })];
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or InvalidOperationException or FileFormatException)
            {
                throw new RuleViolationException("file", "Excel-filen kunde inte läsas. Spara den som .xlsx och försök igen.");
            }
        }

        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        return [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.Split(l.Contains(CsvTable.Separator, StringComparison.Ordinal) ? CsvTable.Separator : ',').ToList())];
    }
}

public static class ImportActualCostsEndpoint
{
    public static RouteGroupBuilder MapImportActualCosts(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/economy/cost-import", async Task<Ok<ImportActualCostsResponse>> (
                long associationId, ImportActualCostsCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId }, ct)))
            .WithName("ImportActualCosts")
            .WithSummary("Import actual costs (CSV or xlsx, base64): a preview with row errors, or with commit=true the whole file or nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
