using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

// Code lists from domain.md §3–4. Stored as strings; the Display name is the Swedish label
// shown in the UI and in reports (see SwedishFormat.Label).

public enum Gender
{
    [Display(Name = "Kvinna")] Woman,
    [Display(Name = "Man")] Man,
}

public enum Orientation
{
    [Display(Name = "Individinriktad")] IndividualFocused,
    [Display(Name = "Strukturövergripande")] Structural,
}

public enum InterventionCategory
{
    [Display(Name = "Kartläggning")] Mapping,
    [Display(Name = "Förberedande")] Preparatory,
    [Display(Name = "Rehabilitering till arbete eller utbildning")] RehabilitationToWorkOrStudies,
    [Display(Name = "Förebyggande")] Preventive,
    [Display(Name = "Kartläggning")] StructuralMapping,
    [Display(Name = "Utbildning")] Training,
    [Display(Name = "Dialog och kommunikation")] DialogueAndCommunication,
}

public enum RegistrationMode
{
    [Display(Name = "Personuppgifter med samtycke")] Identified,
    [Display(Name = "Anonym deltagare")] AnonymousIndividual,
    [Display(Name = "Endast antal (volyminsats)")] CountOnly,
}

public enum ReferredBy
{
    [Display(Name = "Försäkringskassan")] SocialInsuranceAgency,
    [Display(Name = "Arbetsförmedlingen")] PublicEmploymentService,
    [Display(Name = "Kommunen")] Municipality,
    [Display(Name = "Regionen (hälso- och sjukvård)")] Region,
    [Display(Name = "Egen anmälan")] SelfReferral,
    [Display(Name = "Annan")] Other,
}

public enum EducationLevel
{
    [Display(Name = "Förgymnasial utbildning kortare än 9 år")] PrimaryIncomplete,
    [Display(Name = "Grundskola")] Primary,
    [Display(Name = "Gymnasium")] UpperSecondary,
    [Display(Name = "Eftergymnasial utbildning kortare än 3 år")] PostSecondaryShort,
    [Display(Name = "Eftergymnasial utbildning 3 år eller längre")] PostSecondaryLong,
    [Display(Name = "Okänd")] Unknown,
}

public enum TimeInPublicSupport
{
    [Display(Name = "Ingen")] None,
    [Display(Name = "Upp till 6 månader")] UpTo6Months,
    [Display(Name = "6–12 månader")] SixTo12Months,
    [Display(Name = "1–2 år")] OneToTwoYears,
    [Display(Name = "2–5 år")] TwoToFiveYears,
    [Display(Name = "Mer än 5 år")] MoreThanFiveYears,
    [Display(Name = "Okänd")] Unknown,
}

public enum Occupation
{
    [Display(Name = "Arbete utan stöd")] Employed,
    [Display(Name = "Arbete med stöd")] SubsidisedEmployment,
    [Display(Name = "Studier")] Studies,
    [Display(Name = "Aktivt arbetssökande")] JobSeeking,
    [Display(Name = "I insats hos part")] InterventionAtParty,
    [Display(Name = "Sjukskriven")] SickLeave,
    [Display(Name = "Övrigt")] Other,
    [Display(Name = "Okänd")] Unknown,
}

public enum IncomeSource
{
    [Display(Name = "Lön")] Salary,
    [Display(Name = "Sjukpenning")] SicknessBenefit,
    [Display(Name = "Aktivitetsersättning")] ActivityCompensation,
    [Display(Name = "Sjukersättning")] SicknessCompensation,
    [Display(Name = "Ekonomiskt bistånd")] FinancialAssistance,
    [Display(Name = "Aktivitetsstöd, etableringsersättning")] ActivitySupport,
    [Display(Name = "Arbetslöshetsersättning (a-kassa)")] UnemploymentInsurance,
    [Display(Name = "Studiemedel")] StudentFinance,
    [Display(Name = "Ingen offentlig försörjning")] NoPublicSupport,
    [Display(Name = "Annan")] Other,
}

public enum ExitReason
{
    [Display(Name = "Planenligt avslut")] PlannedCompletion,
    [Display(Name = "Avbrott")] Discontinued,
    [Display(Name = "Övergång till insats hos part")] TransferredToParty,
    [Display(Name = "Ohälsa")] Illness,
    [Display(Name = "Flytt")] MovedAway,
    [Display(Name = "Avliden")] Deceased,
    [Display(Name = "Annat")] Other,
    [Display(Name = "Felregistrering")] RegisteredInError,
}
