using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// The fields of an intake (and of a correction, which sends the whole start situation again):
/// shaped like the commands so the handler's error keys ("consent.date", "startDate") name them.
/// </summary>
public sealed class StartSituationForm
{
    public string? PersonalIdentityNumber { get; set; }

    public ConsentForm Consent { get; set; } = new();

    public Gender? Gender { get; set; }

    public int? BirthYear { get; set; }

    public DateOnly? StartDate { get; set; }

    public string? HomeMunicipality { get; set; }

    public ReferredBy? ReferredBy { get; set; }

    public EducationLevel? EducationLevel { get; set; }

    public TimeInPublicSupport? TimeInPublicSupport { get; set; }

    public Occupation? OccupationAtStart { get; set; }

    public int? ExtentPercentAtStart { get; set; }

    public List<IncomeSource> IncomeSourcesAtStart { get; set; } = [];

    public int? StepAtStart { get; set; }

    /// <summary>Made when the form is shown: submitting twice (a double click, a reload) registers once.</summary>
    public string? IdempotencyKey { get; set; }

    public ConsentRequest? ConsentFor(RegistrationMode mode) =>
        mode == RegistrationMode.Identified ? new ConsentRequest(Consent.Date, Consent.TextVersion?.Trim(), Consent.CollectedBy?.Trim()) : null;

    public RegisterParticipationCommand ToRegister(RegistrationMode mode) => new(
        mode == RegistrationMode.Identified ? PersonalIdentityNumber?.Trim() ?? string.Empty : null,
        ConsentFor(mode),
        mode == RegistrationMode.Identified ? null : Gender,
        mode == RegistrationMode.Identified ? null : BirthYear,
        StartDate, HomeMunicipality?.Trim(), ReferredBy, EducationLevel, TimeInPublicSupport, OccupationAtStart,
        ExtentPercentAtStart, IncomeSourcesAtStart, StepAtStart);

    /// <summary>A correction: the whole start situation again; no personnummer once the identity is erased.</summary>
    public CorrectParticipationCommand ToCorrect(RegistrationMode mode, bool identityErased) => new(
        mode == RegistrationMode.Identified && !identityErased ? PersonalIdentityNumber?.Trim() ?? string.Empty : null,
        identityErased ? null : ConsentFor(mode),
        mode == RegistrationMode.Identified ? null : Gender,
        mode == RegistrationMode.Identified ? null : BirthYear,
        StartDate, HomeMunicipality?.Trim(), ReferredBy, EducationLevel, TimeInPublicSupport, OccupationAtStart,
        ExtentPercentAtStart, IncomeSourcesAtStart, StepAtStart);

    public static StartSituationForm From(ParticipationResponse p) => new()
    {
        Consent = p.Consent is { } c ? new ConsentForm { Date = c.Date, TextVersion = c.TextVersion, CollectedBy = c.CollectedBy } : new(),
        Gender = p.Gender,
        BirthYear = p.BirthYear,
        StartDate = p.StartDate,
        HomeMunicipality = p.HomeMunicipality,
        ReferredBy = p.ReferredBy,
        EducationLevel = p.EducationLevel,
        TimeInPublicSupport = p.TimeInPublicSupport,
        OccupationAtStart = p.OccupationAtStart,
        ExtentPercentAtStart = p.ExtentPercentAtStart,
        IncomeSourcesAtStart = [.. p.IncomeSourcesAtStart],
        StepAtStart = p.StepAtStart,
    };
}

public sealed class ConsentForm
{
    public DateOnly? Date { get; set; }

    public string? TextVersion { get; set; }

    public string? CollectedBy { get; set; }
}
