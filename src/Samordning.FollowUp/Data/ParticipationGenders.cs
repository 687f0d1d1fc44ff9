using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data;

/// <summary>
/// Keeps <see cref="Participation.Gender"/> equal to its person's <see cref="Participant.Gender"/>:
/// the reports count by gender from the participations alone (issue 17: on PostgreSQL the join read
/// the whole Participants table for each grouped query, also for one intervention's few thousand
/// rows). Run by every save, before it: a new participation, or one moved to another person, takes
/// its person's gender; a person whose gender is corrected passes it to all their participations,
/// which are then saved in the same unit of work.
/// </summary>
internal static class ParticipationGenders
{
    /// <summary>The participations of people whose gender this save corrects, loaded so that it updates them too.</summary>
    public static Task LoadAsync(FollowUpDbContext db, List<long> people, CancellationToken cancellationToken) =>
        db.Participations.Where(p => people.Contains(p.ParticipantId)).LoadAsync(cancellationToken);

    /// <inheritdoc cref="LoadAsync"/>
    public static void Load(FollowUpDbContext db, List<long> people) =>
        db.Participations.Where(p => people.Contains(p.ParticipantId)).Load();

    /// <summary>The person, when the entry is a person whose gender this save corrects.</summary>
    public static long? Corrected(EntityEntry entry) =>
        entry is { Entity: Participant person, State: EntityState.Modified } && entry.Property(nameof(Participant.Gender)).IsModified
            ? person.Id
            : null;

    /// <summary>
    /// Copies the person's gender to a tracked participation (new, moved to another person, or whose
    /// person's gender changed). Every handler saves a new or moved participation with its person.
    /// </summary>
    public static void Copy(EntityEntry entry)
    {
        if (entry.Entity is not Participation participation || entry.State is EntityState.Deleted or EntityState.Detached)
        {
            return;
        }

        if (participation.Participant is { } person)
        {
            participation.Gender = person.Gender;
        }
        else if (entry.State == EntityState.Added || entry.Property(nameof(Participation.ParticipantId)).IsModified)
        {
            throw new InvalidOperationException("A participation is saved with its person (Participation.Participant), so that it takes the person's gender.");
        }
    }
}
