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

namespace Samordning.FollowUp.Features.Economy;

/// <param name="AmountSek">MinimumEquity: the least equity, whole SEK.</param>
/// <param name="BasisPoints">The share targets: the share in basis points (200 = 2 %).</param>
/// <param name="WindowYears">The share targets: years averaged over (1–10; default 1).</param>
public sealed record FinancialTargetInput(FinancialTargetKind? Kind, long? AmountSek, int? BasisPoints, int? WindowYears);

/// <summary>The board's financial targets, replaced as a whole (the same list sent again leaves the same targets).</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetFinancialTargetsCommand(IReadOnlyList<FinancialTargetInput>? Targets) : ICommand<IReadOnlyList<FinancialTargetResponse>>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class SetFinancialTargetsValidator : AbstractValidator<SetFinancialTargetsCommand>
{
    public SetFinancialTargetsValidator()
    {
        RuleFor(x => x.Targets).NotNull().WithMessage("Ange målen (en tom lista tar bort alla).")
            .Must(t => t is null || t.Count <= 10).WithMessage("Högst tio finansiella mål.");
        RuleForEach(x => x.Targets).ChildRules(t =>
        {
            t.RuleFor(x => x.Kind).NotNull().WithMessage("Ange vilket slags mål det är.");
            t.RuleFor(x => x.AmountSek).NotNull().When(x => x.Kind == FinancialTargetKind.MinimumEquity)
                .WithMessage("Ange det belopp som eget kapital minst ska vara.").Amount("Beloppet");
            t.RuleFor(x => x.BasisPoints).NotNull().When(x => x.Kind is not null and not FinancialTargetKind.MinimumEquity)
                .WithMessage("Ange andelen i procent.")
                .InclusiveBetween(0, 10_000).WithMessage("Andelen ska vara mellan 0 och 100 %.");
            t.RuleFor(x => x.WindowYears).InclusiveBetween(1, 10).WithMessage("Antal år ska vara mellan 1 och 10.");
        });
    }
}

internal sealed class SetFinancialTargetsHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SetFinancialTargetsCommand, IReadOnlyList<FinancialTargetResponse>>
{
    public async ValueTask<IReadOnlyList<FinancialTargetResponse>> Handle(SetFinancialTargetsCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.FinancialTargets.RemoveRange(await db.FinancialTargets.Where(t => t.AssociationId == command.AssociationId).ToListAsync(cancellationToken));
        var targets = command.Targets!.Select(t => new FinancialTarget
        {
            AssociationId = command.AssociationId,
            Kind = t.Kind!.Value,
            AmountSek = t.Kind == FinancialTargetKind.MinimumEquity ? t.AmountSek : null,
            BasisPoints = t.Kind == FinancialTargetKind.MinimumEquity ? null : t.BasisPoints,
            WindowYears = t.Kind is FinancialTargetKind.EquityShareAtLeast or FinancialTargetKind.EquityShareAtMost ? t.WindowYears ?? 1 : 1,
            CreatedAtUtc = now,
        }).ToList();
        db.FinancialTargets.AddRange(targets);
        var responses = targets.Select(FinancialTargetResponse.Of).ToList();
        audit.Add(AuditAction.Updated, AuditLog.Economy, "mål", command.AssociationId, null,
            responses.Count == 0 ? "Finansiella mål: inga" : $"Finansiella mål: {string.Join("; ", responses.Select(r => r.Text))}");
        await db.SaveChangesAsync(cancellationToken);
        return [.. targets.Select(FinancialTargetResponse.Of)];
    }
}

public static class SetFinancialTargetsEndpoint
{
    public static RouteGroupBuilder MapSetFinancialTargets(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/economy/targets", async Task<Ok<IReadOnlyList<FinancialTargetResponse>>> (
                long associationId, SetFinancialTargetsCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId }, ct)))
            .WithName("SetFinancialTargets")
            .WithSummary("Replace the board's financial targets: MinimumEquity (amountSek), EquityShareAtLeast/AtMost (basisPoints, windowYears), AdministrationShareAtMost (basisPoints).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
