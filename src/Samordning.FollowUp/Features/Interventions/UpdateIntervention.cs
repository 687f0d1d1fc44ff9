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

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>
/// Edits an intervention: every field of the create request. Orientation and registration mode
/// (what Uppföljning Finsam fixes at creation) and the provider (who holds the participants'
/// personal data) change only while nothing is registered; the period must keep every
/// registration inside it. Each changed field is written to the intervention's history in the
/// same save. Sending the stored values again changes nothing.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record UpdateInterventionCommand(
    string? Name,
    long? ProviderId,
    Orientation? Orientation,
    InterventionCategory? Category,
    RegistrationMode? RegistrationMode,
    IReadOnlyList<string>? Municipalities,
    DateOnly? StartDate,
    DateOnly? EndDate,
    int? ExpectedLengthWeeks,
    string? TargetGroup) : ICommand<InterventionResponse>, IInterventionScoped, IInterventionFields
{
    [JsonIgnore]
    public long InterventionId { get; init; }
}

internal sealed class UpdateInterventionValidator : AbstractValidator<UpdateInterventionCommand>
{
    public UpdateInterventionValidator() => Include(new InterventionFieldsValidator());
}

internal sealed class UpdateInterventionHandler(FollowUpDbContext db, TimeProvider clock, CallerContext callers, ISender sender)
    : ICommandHandler<UpdateInterventionCommand, InterventionResponse>
{
    public const string LockedOrientation =
        "Inriktningen kan inte ändras när insatsen har deltagare eller registrerade antal: Uppföljning Finsam redovisar insatsen under den inriktning den skapades med.";

    public const string LockedRegistrationMode =
        "Registreringssättet kan inte ändras när insatsen har deltagare eller registrerade antal. Skapa en ny insats om deltagarna ska registreras på annat sätt.";

    public const string LockedProvider =
        "Utföraren kan inte bytas när insatsen har deltagare eller registrerade antal: uppgifterna hör till utföraren som registrerade dem. Avsluta insatsen och skapa en ny hos den nya utföraren.";

    public async ValueTask<InterventionResponse> Handle(UpdateInterventionCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.Include(i => i.Provider).Include(i => i.Plans)
            .SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);

        var orientation = command.Orientation!.Value;
        var mode = command.RegistrationMode ?? intervention.RegistrationMode;
        var providerChanged = command.ProviderId != intervention.ProviderId;
        var locked = (orientation != intervention.Orientation || mode != intervention.RegistrationMode || providerChanged)
            && await InterventionRules.HasRegistrationsAsync(db, intervention.Id, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (locked)
        {
            if (orientation != intervention.Orientation)
            {
                errors["orientation"] = [LockedOrientation];
            }

            if (mode != intervention.RegistrationMode)
            {
                errors["registrationMode"] = [LockedRegistrationMode];
            }

            if (providerChanged)
            {
                errors["providerId"] = [LockedProvider];
            }
        }

        var start = command.StartDate!.Value;
        if (start != intervention.StartDate || command.EndDate != intervention.EndDate)
        {
            foreach (var (field, messages) in await InterventionRules.PeriodErrorsAsync(
                         db, intervention.Id, start, command.EndDate, clock.Today(), cancellationToken))
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        var providerName = providerChanged
            ? await InterventionRules.ActiveProviderNameAsync(db, intervention.AssociationId, command.ProviderId, cancellationToken)
            : intervention.Provider!.Name;

        var changes = new List<(InterventionField Field, string? Old, string? New)>();
        void Track(InterventionField field, string? old, string? now)
        {
            if (old != now)
            {
                changes.Add((field, old, now));
            }
        }

        var name = command.Name!.Trim();
        var municipalities = InterventionRules.Municipalities(command.Municipalities);
        var targetGroup = InterventionRules.Text(command.TargetGroup);
        Track(InterventionField.Name, intervention.Name, name);
        Track(InterventionField.Provider, intervention.Provider!.Name, providerName);
        Track(InterventionField.Orientation, SwedishFormat.Label(intervention.Orientation), SwedishFormat.Label(orientation));
        Track(InterventionField.Category, SwedishFormat.Label(intervention.Category), SwedishFormat.Label(command.Category!.Value));
        Track(InterventionField.RegistrationMode, SwedishFormat.Label(intervention.RegistrationMode), SwedishFormat.Label(mode));
        Track(InterventionField.Municipalities,
            InterventionRules.MunicipalitiesText(intervention.Municipalities), InterventionRules.MunicipalitiesText(municipalities));
        Track(InterventionField.StartDate, SwedishFormat.Date(intervention.StartDate), SwedishFormat.Date(start));
        Track(InterventionField.EndDate, Date(intervention.EndDate), Date(command.EndDate));
        Track(InterventionField.ExpectedLength,
            InterventionRules.WeeksText(intervention.ExpectedLengthWeeks), InterventionRules.WeeksText(command.ExpectedLengthWeeks));
        Track(InterventionField.TargetGroup, intervention.TargetGroup, targetGroup);

        // A year the new period no longer reaches loses its plan (a year with an actual cost was
        // refused above); the history keeps what it said.
        foreach (var plan in intervention.Plans.Where(p => p.Year < start.Year || p.Year > command.EndDate?.Year).OrderBy(p => p.Year).ToList())
        {
            changes.Add((InterventionField.Plan, InterventionRules.PlanText(plan), "borttagen (året ligger utanför perioden)"));
            intervention.Plans.Remove(plan);
        }

        if (changes.Count > 0)
        {
            intervention.Name = name;
            intervention.ProviderId = command.ProviderId!.Value;
            intervention.Orientation = orientation;
            intervention.Category = command.Category!.Value;
            intervention.RegistrationMode = mode;
            intervention.Municipalities = municipalities;
            intervention.StartDate = start;
            intervention.EndDate = command.EndDate;
            intervention.ExpectedLengthWeeks = command.ExpectedLengthWeeks;
            intervention.TargetGroup = targetGroup;

            var caller = callers.Current;
            var now = clock.GetUtcNow().UtcDateTime;
            db.InterventionChanges.AddRange(changes.Select(c => new InterventionChange
            {
                InterventionId = intervention.Id,
                AtUtc = now,
                UserId = caller.UserId,
                UserName = caller.Name,
                Field = c.Field,
                OldValue = c.Old,
                NewValue = c.New,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await sender.Send(new GetInterventionQuery(intervention.Id), cancellationToken);
    }

    private static string? Date(DateOnly? date) => date is { } d ? SwedishFormat.Date(d) : null;
}

public static class UpdateInterventionEndpoint
{
    public static RouteGroupBuilder MapUpdateIntervention(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}", async Task<Ok<InterventionResponse>> (
                long id, UpdateInterventionCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id }, ct)))
            .WithName("UpdateIntervention")
            .WithSummary("Edit an intervention; orientation, registration mode and provider only while it has no registrations; the period must keep every registration inside it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
