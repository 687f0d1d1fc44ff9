using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>The fields an intervention's create and edit requests share.</summary>
public interface IInterventionFields
{
    string? Name { get; }

    long? ProviderId { get; }

    Orientation? Orientation { get; }

    InterventionCategory? Category { get; }

    IReadOnlyList<string>? Municipalities { get; }

    DateOnly? StartDate { get; }

    DateOnly? EndDate { get; }

    int? ExpectedLengthWeeks { get; }

    string? TargetGroup { get; }
}

/// <summary>The field rules of <see cref="IInterventionFields"/>, included by both validators.</summary>
internal sealed class InterventionFieldsValidator : AbstractValidator<IInterventionFields>
{
    public InterventionFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.ProviderId).NotNull().WithMessage("Utförare måste anges.");
        RuleFor(x => x.Orientation).NotNull().WithMessage("Inriktning måste anges.");
        RuleFor(x => x.Category).NotNull().WithMessage("Preciserad inriktning måste anges.");
        RuleFor(x => x.Category)
            .Must((x, c) => c!.Value.BelongsTo(x.Orientation!.Value))
            .When(x => x.Orientation is not null && x.Category is not null)
            .WithMessage("Den preciserade inriktningen hör inte till den valda inriktningen.");
        RuleForEach(x => x.Municipalities).NotEmpty().WithMessage("Kommunnamnet får inte vara tomt.")
            .MaximumLength(100).WithMessage("Kommunnamnet får vara högst 100 tecken.");
        RuleFor(x => x.StartDate).NotNull().WithMessage("Startdatum måste anges.");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate)
            .When(x => x.StartDate is not null && x.EndDate is not null)
            .WithMessage("Slutdatum får inte vara före startdatum.");
        RuleFor(x => x.ExpectedLengthWeeks).InclusiveBetween(1, 520)
            .WithMessage("Förväntad längd ska vara mellan 1 och 520 veckor.");
        RuleFor(x => x.TargetGroup).MaximumLength(2000).WithMessage("Målgruppen får vara högst 2000 tecken.");
    }
}

/// <summary>What creating, editing and ending an intervention share.</summary>
internal static class InterventionRules
{
    public const string ProviderNotInAssociation = "Utföraren finns inte i det här förbundet.";

    public static List<string> Municipalities(IReadOnlyList<string>? typed) =>
        [.. (typed ?? []).Select(m => m.Trim()).Distinct()];

    public static string? Text(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    /// <summary>The provider by name when it is the association's and active (new interventions and a change of provider).</summary>
    public static async Task<string> ActiveProviderNameAsync(
        FollowUpDbContext db, long associationId, long? providerId, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.Where(p => p.Id == providerId && p.AssociationId == associationId)
            .Select(p => new { p.Name, Active = p.DeactivatedAtUtc == null }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException("providerId", ProviderNotInAssociation);
        return provider.Active ? provider.Name : throw new RuleViolationException("providerId", ProviderRules.Inactive);
    }

    /// <summary>
    /// Everything registered on the intervention must stay inside a new period: every
    /// participation's start and exit, ongoing participations once the end date has passed, every
    /// tertial's count-only figures and every year with an actual cost. One grouped query over the
    /// participations; the intervention's few counts and plans are read as rows.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> PeriodErrorsAsync(
        FollowUpDbContext db, long interventionId, DateOnly start, DateOnly? end, DateOnly today, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) =>
            (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var span = await SpanAsync(db, interventionId, cancellationToken);
        if (span is not null)
        {
            if (start > span.FirstStart)
            {
                Add("startDate", $"Insatsen har deltagare som började {SwedishFormat.Date(span.FirstStart)}. " +
                    $"Startdatum kan inte vara senare än {SwedishFormat.Date(span.FirstStart)}.");
            }

            var latest = span.Latest;
            if (end is { } e && e < latest)
            {
                Add("endDate", $"Insatsen har deltaganden till och med {SwedishFormat.Date(latest)} (start- eller slutdatum). " +
                    $"Slutdatum kan inte vara tidigare än {SwedishFormat.Date(latest)}.");
            }
            else if (end is { } past && past < today && span.Ongoing > 0)
            {
                Add("endDate", $"{Persons(span.Ongoing)} fortfarande inskrivna. Skriv ut dem först (med slutdatum senast " +
                    $"{SwedishFormat.Date(past)}), eller avsluta insatsen i dag eller senare.");
            }
        }

        var tertials = await db.InterventionTertialCounts.AsNoTracking()
            .Where(c => c.InterventionId == interventionId)
            .Select(c => new { c.Year, c.Tertial })
            .ToListAsync(cancellationToken);
        foreach (var t in tertials.OrderBy(t => t.Year).ThenBy(t => t.Tertial))
        {
            if (Tertials.End(t.Year, t.Tertial) < start)
            {
                Add("startDate", $"Antal deltagare finns registrerade för T{t.Tertial} {t.Year}, som ligger före det nya startdatumet.");
            }
            else if (end is { } e && Tertials.Start(t.Year, t.Tertial) > e)
            {
                Add("endDate", $"Antal deltagare finns registrerade för T{t.Tertial} {t.Year}, som ligger efter det nya slutdatumet.");
            }
        }

        var costs = await db.InterventionYearPlans.AsNoTracking()
            .Where(p => p.InterventionId == interventionId && p.ActualCostSek > 0)
            .Select(p => new { p.Year, p.ActualCostSek })
            .ToListAsync(cancellationToken);
        foreach (var cost in costs.OrderBy(c => c.Year))
        {
            if (cost.Year < start.Year)
            {
                Add("startDate", $"Insatsen har ett utfall för {cost.Year} ({SwedishFormat.Kronor(cost.ActualCostSek)}). Startdatum kan inte vara senare än {cost.Year}.");
            }
            else if (end is { } e && cost.Year > e.Year)
            {
                Add("endDate", $"Insatsen har ett utfall för {cost.Year} ({SwedishFormat.Kronor(cost.ActualCostSek)}). Slutdatum kan inte vara före {cost.Year}.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>The first start, the latest start or exit and the ongoing count of the intervention's participations (null: none).</summary>
    public static async Task<RegistrationSpan?> SpanAsync(FollowUpDbContext db, long interventionId, CancellationToken cancellationToken)
    {
        var span = await db.Participations.AsNoTracking()
            .Where(p => p.InterventionId == interventionId)
            .GroupBy(p => p.InterventionId)
            .Select(g => new
            {
                FirstStart = g.Min(p => p.StartDate),
                LastStart = g.Max(p => p.StartDate),
                LastExit = g.Max(p => p.EndDate),
                Ongoing = g.Sum(p => p.EndDate == null ? 1 : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return span is null ? null
            : new RegistrationSpan(span.FirstStart, span.LastExit is { } exit && exit > span.LastStart ? exit : span.LastStart, span.Ongoing);
    }

    private static string Persons(int count) => count == 1 ? "1 deltagare är" : $"{SwedishFormat.Number((long)count)} deltagare är";

    /// <summary>Whether anything has been registered on the intervention (participations or count-only figures).</summary>
    public static async Task<bool> HasRegistrationsAsync(FollowUpDbContext db, long interventionId, CancellationToken cancellationToken) =>
        await db.Participations.AnyAsync(p => p.InterventionId == interventionId, cancellationToken)
        || await db.InterventionTertialCounts.AnyAsync(c => c.InterventionId == interventionId, cancellationToken);

    /// <summary>A year's plan as the history reads it.</summary>
    public static string PlanText(InterventionYearPlan plan) =>
        $"{plan.Year}: {SwedishFormat.Number((long)plan.PlannedParticipants)} deltagare, budget {SwedishFormat.Kronor(plan.BudgetSek)}";

    public static string? WeeksText(int? weeks) => weeks is { } w ? $"{SwedishFormat.Number((long)w)} veckor" : null;

    public static string? MunicipalitiesText(IReadOnlyList<string> municipalities) =>
        municipalities.Count == 0 ? null : string.Join(", ", municipalities);
}

/// <summary>The dates the intervention's participations reach: a new period must contain them.</summary>
internal sealed record RegistrationSpan(DateOnly FirstStart, DateOnly Latest, int Ongoing);
