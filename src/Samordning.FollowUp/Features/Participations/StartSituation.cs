using FluentValidation;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// The situation at start (inskrivning), written once: registration and correction are this
/// record plus their target (<see cref="RegisterParticipationCommand"/>,
/// <see cref="CorrectParticipationCommand"/>), the web form binds it, one validator checks it and
/// <see cref="StartSituationRules.Apply"/> writes it onto a participation. The v1 JSON stays flat
/// (the commands inherit the properties), so clients send the same body as before.
/// </summary>
public record StartSituation : IStartPerson
{
    /// <summary>Required (with <c>consent</c>) for an identified intervention's intake, refused for any other; from a referral, the referral's.</summary>
    public string? PersonalIdentityNumber { get; init; }

    /// <summary>The written consent: required with the personnummer of an identified intervention's intake.</summary>
    public ConsentRequest? Consent { get; init; }

    /// <summary>Required (with <c>birthYear</c>) for an anonymous intervention's intake, refused for an identified one (read from the personnummer).</summary>
    public Gender? Gender { get; init; }

    /// <summary>Required (with <c>gender</c>) for an anonymous intervention's intake, refused for an identified one.</summary>
    public int? BirthYear { get; init; }

    public DateOnly? StartDate { get; init; }
    public string? HomeMunicipality { get; init; }
    public ReferredBy? ReferredBy { get; init; }
    public EducationLevel? EducationLevel { get; init; }
    public TimeInPublicSupport? TimeInPublicSupport { get; init; }
    public Occupation? OccupationAtStart { get; init; }
    public int? ExtentPercentAtStart { get; init; }
    public IReadOnlyList<IncomeSource>? IncomeSourcesAtStart { get; init; }
    public int? StepAtStart { get; init; }

    /// <summary>
    /// What a form of this <paramref name="mode"/> sends: the personnummer and consent only for an
    /// identified intervention (and not once the identity is erased), gender and birth year only
    /// for an anonymous one; text trimmed.
    /// </summary>
    public StartSituation ForMode(RegistrationMode mode, bool identityErased = false) => this with
    {
        PersonalIdentityNumber = mode == RegistrationMode.Identified && !identityErased ? PersonalIdentityNumber?.Trim() ?? string.Empty : null,
        // A form always has the consent fields: an empty one is refused field by field, not as "no consent".
        Consent = mode == RegistrationMode.Identified && !identityErased
            ? new ConsentRequest(Consent?.Date, Consent?.TextVersion?.Trim(), Consent?.CollectedBy?.Trim())
            : null,
        Gender = mode == RegistrationMode.Identified ? null : Gender,
        BirthYear = mode == RegistrationMode.Identified ? null : BirthYear,
        HomeMunicipality = HomeMunicipality?.Trim(),
    };

    /// <summary>
    /// A participation's start situation as it stands, for a form: the response's own record, its
    /// masked personnummer left out (the full number is read separately, audited).
    /// </summary>
    public static StartSituation From(ParticipationResponse participation)
    {
        ArgumentNullException.ThrowIfNull(participation);
        return new StartSituation(participation) with { PersonalIdentityNumber = null };
    }

    // The personnummer must never reach a log through a record's generated ToString.
    protected virtual bool PrintMembers(System.Text.StringBuilder builder) => false;
}

/// <summary>Written consent (Identified mode): when, which text version, and who collected it.</summary>
// Not sealed: the response's consent is this record and the day it was withdrawn (ConsentResponse).
public record ConsentRequest(DateOnly? Date, string? TextVersion, string? CollectedBy);

/// <summary>Checks that need nothing but the request and today's date.</summary>
internal sealed class StartSituationValidator : AbstractValidator<StartSituation>
{
    public const string RequiredPersonalIdentityNumber = "Personnummer måste anges.";

    public const string InvalidPersonalIdentityNumber =
        "Personnumret eller samordningsnumret är inte giltigt. Kontrollera datumet och kontrollsiffran.";

    /// <summary>"Boras" is not a municipality: the message suggests "Borås" when one name matches.</summary>
    public static string UnknownMunicipality(string? typed) =>
        Municipalities.Suggest(typed) is { } suggestion
            ? $"Hemkommun ska vara en av Sveriges kommuner. Menade du ”{suggestion.Name}”?"
            : "Hemkommun ska vara en av Sveriges kommuner. Välj kommunen i listan.";

    public StartSituationValidator(TimeProvider clock)
    {
        Include(new StartPersonValidator(clock));
        RuleFor(x => x.StartDate).NotNull().WithMessage("Startdatum måste anges.")
            .NotInFuture(clock, "Startdatum får inte vara i framtiden.");
        RuleFor(x => x.HomeMunicipality).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Hemkommun måste anges.")
            .Must(m => Municipalities.Find(m) is not null).WithMessage((_, m) => UnknownMunicipality(m));
        // Starting a referral, the referral's "referred by" fills it when left out.
        RuleFor(x => x.ReferredBy).NotNull().Unless(x => x is StartFromReferral).WithMessage("Anvisad av måste anges.");
        RuleFor(x => x.EducationLevel).NotNull().WithMessage("Utbildningsnivå måste anges. Välj ”Okänd” om den inte är känd.");
        RuleFor(x => x.TimeInPublicSupport).NotNull().WithMessage("Tid i offentlig försörjning måste anges. Välj ”Okänd” om den inte är känd.");
        RuleFor(x => x.OccupationAtStart).NotNull().WithMessage("Sysselsättning vid start måste anges. Välj ”Okänd” om den inte är känd.");
        RuleFor(x => x.ExtentPercentAtStart).InclusiveBetween(0, 100).WithMessage("Omfattningen ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.IncomeSourcesAtStart).NoRepeatedIncomeSource().NoContradictoryIncomeSources();
        RuleFor(x => x.StepAtStart).InclusiveBetween(1, 5).WithMessage("Steget ska vara mellan 1 och 5.");
    }
}

/// <summary>The person's fields (personnummer, consent, birth year): the same checks at intake and on a referral.</summary>
internal sealed class StartPersonValidator : AbstractValidator<IStartPerson>
{
    public StartPersonValidator(TimeProvider clock)
    {
        RuleFor(x => x.PersonalIdentityNumber!).Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(StartSituationValidator.RequiredPersonalIdentityNumber)
            .Must(p => PersonalIdentityNumber.TryParse(p, clock.Today(), out _)).WithMessage(StartSituationValidator.InvalidPersonalIdentityNumber)
            .When(x => x.PersonalIdentityNumber is not null);
        RuleFor(x => x.Consent!.Date).NotNull().WithMessage("Datum för samtycket måste anges.")
            .NotInFuture(clock, "Samtyckets datum får inte vara i framtiden.")
            .When(x => x.Consent is not null);
        RuleFor(x => x.Consent!.TextVersion).NotEmpty().WithMessage("Samtyckestextens version måste anges.")
            .MaximumLength(100).WithMessage("Versionen får vara högst 100 tecken.")
            .When(x => x.Consent is not null);
        RuleFor(x => x.Consent!.CollectedBy).NotEmpty().WithMessage("Samtycket mottaget av måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.")
            .When(x => x.Consent is not null);
        // Read today's year at each check: the validator is built once (a singleton).
        RuleFor(x => x.BirthYear).Must(y => y is not { } year || (year >= 1900 && year <= clock.Today().Year))
            .WithMessage("Födelseåret är inte rimligt.");
    }
}

/// <summary>Who the person is, as an intake or a referral states it.</summary>
public interface IStartPerson
{
    string? PersonalIdentityNumber { get; }
    ConsentRequest? Consent { get; }
    Gender? Gender { get; }
    int? BirthYear { get; }
}

/// <summary>Rules that depend on the intervention: its registration mode and its dates.</summary>
internal static class StartSituationRules
{
    /// <param name="identityErased">A correction of a participation whose identity was erased: no personnummer is asked for.</param>
    public static void Check(StartSituation start, Intervention intervention, bool identityErased = false)
    {
        var errors = new Dictionary<string, string[]>();
        switch (intervention.RegistrationMode)
        {
            case RegistrationMode.CountOnly:
                throw new RuleViolationException("registrationMode",
                    "Insatsen registreras endast som antal kvinnor och män. Ange antalen för året i stället för enskilda deltagare.");
            case RegistrationMode.Identified:
                if (start.PersonalIdentityNumber is null && !identityErased)
                {
                    errors["personalIdentityNumber"] = [StartSituationValidator.RequiredPersonalIdentityNumber];
                }

                if (start.Consent is null)
                {
                    errors["consent"] = ["Skriftligt samtycke måste finnas för att deltagaren ska registreras med personuppgifter."];
                }

                if (start.BirthYear is not null)
                {
                    errors["birthYear"] = ["Födelseår anges inte för identifierade deltagare: det framgår av personnumret."];
                }

                break;
            case RegistrationMode.AnonymousIndividual:
                if (start.PersonalIdentityNumber is not null)
                {
                    errors["personalIdentityNumber"] = ["Insatsen registrerar anonyma deltagare: personnummer får inte anges."];
                }

                if (start.Consent is not null)
                {
                    errors["consent"] = ["Insatsen registrerar anonyma deltagare: samtycke registreras inte."];
                }

                if (start.Gender is null)
                {
                    errors["gender"] = ["Kön måste anges för anonyma deltagare."];
                }

                if (start.BirthYear is null)
                {
                    errors["birthYear"] = ["Födelseår måste anges för anonyma deltagare."];
                }

                break;
        }

        if (start.StartDate is { } date && !intervention.Covers(date))
        {
            errors["startDate"] = [intervention.EndDate is { } end && date > end
                ? $"Insatsen avslutades {SwedishFormat.Date(end)}. Ingen kan skrivas in med startdatum efter det."
                : intervention.EndDate is { } until
                    ? $"Startdatum måste ligga inom insatsens tid ({SwedishFormat.Date(intervention.StartDate)} – {SwedishFormat.Date(until)})."
                    : $"Startdatum får inte vara före insatsens start ({SwedishFormat.Date(intervention.StartDate)})."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    /// <summary>Copies the start data onto the participation (identity is handled by the caller).</summary>
    public static void Apply(StartSituation start, Participation participation)
    {
        participation.StartDate = start.StartDate!.Value;
        participation.HomeMunicipality = start.HomeMunicipality!.Trim();
        participation.ReferredBy = start.ReferredBy!.Value;
        participation.EducationLevel = start.EducationLevel!.Value;
        participation.TimeInPublicSupport = start.TimeInPublicSupport!.Value;
        participation.OccupationAtStart = start.OccupationAtStart!.Value;
        participation.ExtentPercentAtStart = start.ExtentPercentAtStart;
        participation.IncomeSourcesAtStart = [.. start.IncomeSourcesAtStart ?? []];
        participation.StepAtStart = start.StepAtStart;
        participation.ConsentDate = start.Consent?.Date;
        participation.ConsentTextVersion = start.Consent?.TextVersion?.Trim();
        participation.ConsentCollectedBy = start.Consent?.CollectedBy?.Trim();
    }
}

/// <summary>
/// The intake's body when a referral starts it (<c>POST /referrals/{id}/start</c>): what the referral knows
/// — personnummer, consent, gender and birth year, referred by — may be left out.
/// </summary>
public sealed record StartFromReferral : StartSituation;

internal sealed class StartFromReferralValidator : AbstractValidator<StartFromReferral>
{
    public StartFromReferralValidator(TimeProvider clock) => Include(new StartSituationValidator(clock));
}
