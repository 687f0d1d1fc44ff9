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

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>
/// The person's consent to be contacted for the 12-month follow-up and how, recorded or
/// corrected after intake (at intake it travels with the registration). The whole of it is sent
/// each time: no consent erases the contact.
/// </summary>
[Access(UserRole.Coach)]
public sealed record SetFollowUpContactCommand(bool? Consent, string? Mobile, string? Email)
    : FollowUpContactInput(Consent, Mobile, Email), ICommand<FollowUpContactResponse>, IParticipationScoped
{
    [JsonIgnore]
    public long ParticipationId { get; init; }

    public override string ToString() => $"{nameof(SetFollowUpContactCommand)} {{ ParticipationId = {ParticipationId} }}";
}

/// <summary>The contact as the coach sees it: masked (the whole of it only through the audited read).</summary>
public sealed record FollowUpContactResponse(long ParticipationId, bool Consent, string? Mobile, string? Email);

internal sealed class SetFollowUpContactValidator : AbstractValidator<SetFollowUpContactCommand>
{
    public SetFollowUpContactValidator() => Include(new FollowUpContactInputValidator());
}

internal sealed class SetFollowUpContactHandler(FollowUpDbContext db, IdentityProtector protector, AuditLog audit, TimeProvider clock)
    : ICommandHandler<SetFollowUpContactCommand, FollowUpContactResponse>
{
    public async ValueTask<FollowUpContactResponse> Handle(SetFollowUpContactCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.Include(p => p.Participant).Include(p => p.Intervention)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        FollowUpContacts.Apply(participation, participation.Participant!, participation.Intervention!.RegistrationMode, command, protector);
        participation.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.Correct, AuditLog.Participation, participation.Id, participation.Intervention.AssociationId,
            participation.Intervention.ProviderId, "Samtycke till kontakt för uppföljningen");
        await db.SaveChangesAsync(cancellationToken);
        return FollowUpContacts.Masked(participation, participation.Participant!, protector);
    }
}

/// <summary>Applies a consent and contact to a participation and its person (intake and correction).</summary>
internal static class FollowUpContacts
{
    /// <param name="field">The request's name of the consent field (intake: <c>followUpContact.consent</c>).</param>
    public static void Apply(
        Participation participation, Participant participant, RegistrationMode mode, FollowUpContactInput input, IdentityProtector protector,
        string field = "consent")
    {
        if (input.Consent == true && (mode != RegistrationMode.Identified || participant.IdentityErasedAtUtc is not null))
        {
            throw new RuleViolationException(field,
                "Kontakt för uppföljningen kan bara registreras för en deltagare med personuppgifter och samtycke.");
        }

        var contact = FollowUpContact.From(input.Mobile, input.Email);
        participation.FollowUpContactConsent = input.Consent == true;
        participant.ContactCipher = input.Consent == true && !contact.IsEmpty ? contact.Protect(protector) : null;
    }

    public static FollowUpContactResponse Masked(Participation participation, Participant participant, IdentityProtector protector)
    {
        var contact = FollowUpContact.Read(participant.ContactCipher, protector);
        return new FollowUpContactResponse(participation.Id, participation.FollowUpContactConsent, contact?.MaskedMobile, contact?.MaskedEmail);
    }
}

public static class SetFollowUpContactEndpoint
{
    public static RouteGroupBuilder MapSetFollowUpContact(this RouteGroupBuilder group)
    {
        group.MapPut("/participations/{id:long}/follow-up-contact", async Task<Ok<FollowUpContactResponse>> (
                long id, SetFollowUpContactCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id }, ct)))
            .WithName("SetFollowUpContact")
            .WithSummary("Record or correct whether the person agrees to be contacted for the 12-month follow-up, and how (mobile, e-mail); encrypted at rest.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
