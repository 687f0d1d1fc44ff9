using FluentValidation;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>A personnummer sent in a body (never in a URL), for a search, an export or an erasure.</summary>
public interface IPersonalIdentityNumberRequest
{
    string? PersonalIdentityNumber { get; }
}

internal static class PersonalIdentityNumberRules
{
    public static void AddRules<T>(AbstractValidator<T> validator, TimeProvider clock) where T : IPersonalIdentityNumberRequest =>
        validator.RuleFor(x => x.PersonalIdentityNumber).NotEmpty().WithMessage(StartSituationValidator.RequiredPersonalIdentityNumber)
            .Must(v => Domain.PersonalIdentityNumber.TryParse(v, clock.Today(), out _))
            .WithMessage(StartSituationValidator.InvalidPersonalIdentityNumber)
            // Only the format check waits for a value; "Personnummer måste anges." must still fire for an empty one.
            .When(x => !string.IsNullOrEmpty(x.PersonalIdentityNumber), ApplyConditionTo.CurrentValidator);
}
