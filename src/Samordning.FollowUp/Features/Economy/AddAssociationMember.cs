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

public sealed record AssociationMemberResponse(long Id, string Name, MemberKind Kind, string? MunicipalityCode);

/// <summary>
/// A member of the association: a state agency, the region, or a municipality (named as in the
/// code list, which gives its code). Sending the same member again returns the one already added.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record AddAssociationMemberCommand(string? Name, MemberKind? Kind) : ICommand<AssociationMemberResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class AddAssociationMemberValidator : AbstractValidator<AddAssociationMemberCommand>
{
    public AddAssociationMemberValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Medlemmens namn måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.Kind).NotNull().WithMessage("Ange om medlemmen är staten, regionen eller en kommun.");
        RuleFor(x => x.Name).Must(n => Municipalities.Find(n) is not null)
            .When(x => x.Kind == MemberKind.Municipality && !string.IsNullOrWhiteSpace(x.Name))
            .WithMessage(x => Municipalities.Suggest(x.Name) is { } m
                ? $"Det finns ingen kommun som heter \"{x.Name!.Trim()}\". Menade du {m.Name}?"
                : $"Det finns ingen kommun som heter \"{x.Name!.Trim()}\".");
    }
}

internal sealed class AddAssociationMemberHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<AddAssociationMemberCommand, AssociationMemberResponse>
{
    public async ValueTask<AssociationMemberResponse> Handle(AddAssociationMemberCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var name = command.Name!.Trim();
        var kind = command.Kind!.Value;
        var existing = await db.AssociationMembers.AsNoTracking()
            .SingleOrDefaultAsync(m => m.AssociationId == command.AssociationId && m.Name == name, cancellationToken);
        if (existing is not null)
        {
            // A retried request gets the member it added; another kind under the same name is a conflict.
            return existing.Kind == kind
                ? Response(existing)
                : throw new ConflictException($"{name} är redan medlem, som {SwedishFormat.Label(existing.Kind).ToLower(SwedishFormat.Culture)}.", "name");
        }

        var member = new AssociationMember
        {
            AssociationId = command.AssociationId,
            Name = name,
            Kind = kind,
            MunicipalityCode = kind == MemberKind.Municipality ? Municipalities.Find(name)!.Code : null,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AssociationMembers.Add(member);
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        await db.SaveChangesUniqueAsync($"{name} är redan medlem.", "name", cancellationToken);
        audit.Add(AuditAction.Create, AuditLog.Economy, member.Id, command.AssociationId, null, $"Medlem: {name} ({SwedishFormat.Label(kind)})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Response(member);
    }

    private static AssociationMemberResponse Response(AssociationMember m) => new(m.Id, m.Name, m.Kind, m.MunicipalityCode);
}

public static class AddAssociationMemberEndpoint
{
    public static RouteGroupBuilder MapAddAssociationMember(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/economy/members", async Task<Ok<AssociationMemberResponse>> (
                long associationId, AddAssociationMemberCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId }, ct)))
            .WithName("AddAssociationMember")
            .WithSummary("Add a member (State, Region or Municipality); the same member sent again is returned, not added twice.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
