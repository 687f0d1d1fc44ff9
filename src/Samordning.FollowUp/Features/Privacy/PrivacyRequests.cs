using FluentValidation;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>A personnummer sent in a body (never in a URL), for a search, an export or an erasure.</summary>
public interface IPersonalIdentityNumberRequest
{
    string? PersonalIdentityNumber { get; }
}

internal static class PersonalIdentityNumberRules
{
    public static void AddRules<T>(AbstractValidator<T> validator, TimeProvider clock) where T : IPersonalIdentityNumberRequest =>
        validator.RuleFor(x => x.PersonalIdentityNumber).NotEmpty().WithMessage("Ange personnummer.")
            .Must(v => Domain.PersonalIdentityNumber.TryParse(v, clock.Today(), out _))
            .WithMessage("Personnumret eller samordningsnumret är inte giltigt. Kontrollera datumet och kontrollsiffran.")
            // Only the format check waits for a value; "Ange personnummer." must still fire for an empty one.
            .When(x => !string.IsNullOrEmpty(x.PersonalIdentityNumber), ApplyConditionTo.CurrentValidator);
}
