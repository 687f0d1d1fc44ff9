using System.Text.Json.Serialization;
using FluentValidation;
using Mapster;
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

namespace Samordning.FollowUp.Features.Associations;

/// <summary>
/// The office's settings for its providers' intake: the consent text version in use now, which the
/// intake form fills in (empty: the coach types it). Setting the same value again changes nothing.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetIntakeSettingsCommand(string? DefaultConsentTextVersion) : ICommand<AssociationResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class SetIntakeSettingsValidator : AbstractValidator<SetIntakeSettingsCommand>
{
    public SetIntakeSettingsValidator()
    {
        RuleFor(x => x.DefaultConsentTextVersion).MaximumLength(100).WithMessage("Samtyckestextens version får vara högst 100 tecken.");
    }
}

internal sealed class SetIntakeSettingsHandler(FollowUpDbContext db, TypeAdapterConfig mapping)
    : ICommandHandler<SetIntakeSettingsCommand, AssociationResponse>
{
    public async ValueTask<AssociationResponse> Handle(SetIntakeSettingsCommand command, CancellationToken cancellationToken)
    {
        var association = await db.Associations.SingleOrDefaultAsync(a => a.Id == command.AssociationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);
        association.DefaultConsentTextVersion = string.IsNullOrWhiteSpace(command.DefaultConsentTextVersion)
            ? null
            : command.DefaultConsentTextVersion.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return association.Adapt<AssociationResponse>(mapping);
    }
}

public static class SetIntakeSettingsEndpoint
{
    public static RouteGroupBuilder MapSetIntakeSettings(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{id:long}/intake-settings", async Task<Ok<AssociationResponse>> (
                long id, SetIntakeSettingsCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = id }, ct)))
            .WithName("SetIntakeSettings")
            .WithSummary("Set the association's intake settings: the consent text version the intake form starts with.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
