using Mapster;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// How a participation is read from the database (<see cref="ParticipationReader"/>): its own
/// columns by name, and its situation at start as the <see cref="StartSituation"/> record. Every
/// field the record and <see cref="Participation"/> name alike is mapped by its name, so a new
/// field of the situation needs no line here; only what is stored otherwise is said: gender and
/// birth year are the participant's, consent is three columns, and the personnummer is never
/// projected (it is encrypted; the reader masks it). A field of the record that nothing maps
/// fails when the configuration is compiled at start-up.
/// </summary>
internal sealed class ParticipationMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Participation, StartSituation>()
            .RequireDestinationMemberSource(true)
            .Ignore(d => d.PersonalIdentityNumber!)
            .Map(d => d.Gender, s => s.Participant!.Gender)
            .Map(d => d.BirthYear, s => s.Participant!.BirthYear)
            .Map(d => d.Consent, s => s.ConsentDate == null ? null : new ConsentRequest(s.ConsentDate, s.ConsentTextVersion, s.ConsentCollectedBy));
        config.NewConfig<Participation, ParticipationRow>()
            .Map(d => d.Start, s => s);
    }
}
