using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Benchmarks;

/// <summary>
/// The benchmark's association, made through the service's own commands: eight providers with three
/// interventions each, and the identified participants (Skatteverket's test numbers born 1960 or
/// later) of every provider.
/// </summary>
internal static class BenchmarkData
{
    public static async Task<(long AssociationId, List<(long Id, long ProviderId, RegistrationMode Mode)> Interventions, Dictionary<long, long[]> Participants)> SetUpAsync(IServiceProvider services, int threshold = 5)
    {
        await using var scope = services.CreateAsyncScope();
        var (associationId, interventions) = await CreateAssociationAsync(scope.ServiceProvider, "Benchmarkförbundet", threshold);

        // Identified participants: Skatteverket's test numbers, encrypted and hashed as the service does.
        var protector = scope.ServiceProvider.GetRequiredService<IdentityProtector>();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var numbers = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt"))
            .Select(n => PersonalIdentityNumber.FromStored(n.Trim()))
            .Where(n => n.BirthYear >= 1960)
            .ToList();
        var participants = new Dictionary<long, long[]>();
        foreach (var providerId in interventions.Select(i => i.ProviderId).Distinct())
        {
            var people = numbers.Select(n => new Participant
            {
                ProviderId = providerId, Gender = n.Gender, BirthYear = n.BirthYear,
                IdentityCipher = protector.Encrypt(n), IdentityHash = protector.Hash(n), CreatedAtUtc = DateTime.UtcNow,
            }).ToList();
            db.Participants.AddRange(people);
            await db.SaveChangesAsync();
            participants[providerId] = [.. people.Select(p => p.Id)];
            db.ChangeTracker.Clear();
        }

        return (associationId, interventions, participants);
    }

    /// <summary>
    /// Another association like the first (for a national-scale database): made through the same
    /// commands, its providers' identified participants copied in SQL from one of the first
    /// association's providers (the same people, encrypted once), since encrypting them again per
    /// provider would dominate the fill.
    /// </summary>
    public static async Task<(long AssociationId, List<(long Id, long ProviderId, RegistrationMode Mode)> Interventions, Dictionary<long, long[]> Participants)> CopyAsync(
        IServiceProvider services, int number, long templateProviderId)
    {
        await using var scope = services.CreateAsyncScope();
        var (associationId, interventions) = await CreateAssociationAsync(scope.ServiceProvider, $"Benchmarkförbundet {number}");
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var participants = new Dictionary<long, long[]>();
        foreach (var providerId in interventions.Select(i => i.ProviderId).Distinct())
        {
            var copy = $"""
                INSERT INTO "Participants" ("ProviderId", "Gender", "BirthYear", "IdentityCipher", "IdentityHash", "CreatedAtUtc")
                SELECT {providerId}, "Gender", "BirthYear", "IdentityCipher", "IdentityHash", "CreatedAtUtc"
                FROM "Participants" WHERE "ProviderId" = {templateProviderId} ORDER BY "Id"
                """;
            await db.Database.ExecuteSqlRawAsync(copy);
            participants[providerId] = [.. await db.Participants.Where(p => p.ProviderId == providerId).Select(p => p.Id).ToListAsync()];
        }

        return (associationId, interventions, participants);
    }

    public static async Task<(long AssociationId, List<(long Id, long ProviderId, RegistrationMode Mode)> Interventions)> CreateAssociationAsync(
        IServiceProvider services, string associationName, int threshold = 5)
    {
        services.GetRequiredService<CallerContext>().RunAsSystem(); // the commands refuse a caller nobody signed in as
        var sender = services.GetRequiredService<ISender>();
        var association = await sender.Send(new CreateAssociationCommand(associationName, null, threshold));
        var interventions = new List<(long, long, RegistrationMode)>();
        string[] municipalities = ["Borås", "Mark", "Ulricehamn", "Tranemo", "Svenljunga", "Herrljunga", "Vårgårda", "Bollebygd"];
        foreach (var municipality in municipalities)
        {
            var provider = await sender.Send(new CreateProviderCommand($"Arbetsmarknadsenheten {municipality}", null) with { AssociationId = association.Id });
            foreach (var (name, category, mode) in new[]
                     {
                         ("Aktiv kraft", InterventionCategory.Preparatory, RegistrationMode.Identified),
                         ("Kartläggning", InterventionCategory.Mapping, RegistrationMode.Identified),
                         ("Lågtröskel", InterventionCategory.Preventive, RegistrationMode.AnonymousIndividual),
                     })
            {
                var i = await sender.Send(new CreateInterventionCommand($"{name} {municipality}", provider.Id, Orientation.IndividualFocused, category,
                    mode, [municipality], new DateOnly(2022, 1, 1), null, 24, null) with { AssociationId = association.Id });
                interventions.Add((i.Id, provider.Id, mode));
            }
        }

        return (association.Id, interventions);
    }
}

/// <summary>Realistic participations: starts 2022–today, 24-week stays, most ended, about a third self-sufficient at exit.</summary>
internal sealed class ParticipationGenerator(
    Random random, List<(long Id, long ProviderId, RegistrationMode Mode)> interventions, Dictionary<long, long[]> participants,
    DateOnly today, long firstNewParticipantId)
{
    public static readonly string[] ParticipantColumns = ["Id", "ProviderId", "Gender", "BirthYear", "CreatedAtUtc"];

    public static readonly string[] Columns =
    [
        "InterventionId", "ParticipantId", "StartDate", "HomeMunicipality", "ReferredBy", "EducationLevel", "TimeInPublicSupport",
        "OccupationAtStart", "ExtentPercentAtStart", "IncomeSourcesAtStart", "StepAtStart", "ConsentDate", "ConsentTextVersion",
        "ConsentCollectedBy", "EndDate", "ExitReason", "OccupationAtExit", "ExtentPercentAtExit", "IncomeSourcesAtExit", "StepAtExit",
        "CreatedAtUtc", "UpdatedAtUtc", "Version",
    ];

    private static readonly string[] Referrals = ["SocialInsuranceAgency", "SocialInsuranceAgency", "PublicEmploymentService", "PublicEmploymentService", "Municipality", "Municipality", "Region", "SelfReferral", "Other"];
    private static readonly string[] StartOccupations = ["SickLeave", "SickLeave", "JobSeeking", "JobSeeking", "InterventionAtParty", "Other", "Unknown"];
    private static readonly string[] ExitReasons = ["PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "Discontinued", "Discontinued", "TransferredToParty", "Illness", "MovedAway", "Other", "Deceased", "RegisteredInError"];
    private static readonly string[] ExitOccupations = ["Employed", "Employed", "SubsidisedEmployment", "Studies", "JobSeeking", "JobSeeking", "InterventionAtParty", "SickLeave", "Other", "Unknown"];
    private static readonly string[] Educations = ["PrimaryIncomplete", "Primary", "UpperSecondary", "UpperSecondary", "PostSecondaryShort", "PostSecondaryLong", "Unknown"];
    private static readonly string[] Support = ["None", "UpTo6Months", "SixTo12Months", "OneToTwoYears", "TwoToFiveYears", "MoreThanFiveYears", "Unknown"];
    private readonly int _days = today.DayNumber - new DateOnly(2022, 1, 1).DayNumber;
    private long _nextParticipantId = firstNewParticipantId;

    /// <summary>The next participation, and the anonymous person it introduces (if any).</summary>
    public (object?[] Participation, object?[]? NewParticipant) Next()
    {
        var intervention = interventions[random.Next(interventions.Count)];
        var start = new DateOnly(2022, 1, 1).AddDays(random.Next(_days));
        var end = start.AddDays((int)Math.Max(7, (24 * 7) + (random.NextDouble() - 0.5) * 200));
        var ended = end <= today && random.NextDouble() < 0.93;
        var identified = intervention.Mode == RegistrationMode.Identified;

        // Open participations get a person of their own, so no one is active twice in one intervention.
        long participantId;
        object?[]? person = null;
        if (!identified || !ended)
        {
            participantId = _nextParticipantId++;
            person = [participantId, intervention.ProviderId, random.NextDouble() < 0.55 ? "Woman" : "Man", 1960 + random.Next(40), DateTime.UtcNow];
        }
        else
        {
            var people = participants[intervention.ProviderId];
            participantId = people[random.Next(people.Length)];
        }

        var stepAtStart = random.Next(1, 4);
        // Registered on its start day and last changed on its exit day (or then), as in a database
        // in use: the scheduler's run since the last one finds no change from before it.
        var created = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var updated = ended ? end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : created;
        object?[] participation =
        [
            intervention.Id, participantId, start, "Borås", Pick(Referrals), Pick(Educations), Pick(Support),
            Pick(StartOccupations), null, new[] { "SicknessBenefit" }, random.NextDouble() < 0.95 ? stepAtStart : null,
            identified ? start : null, identified ? "Samtycke v2.1" : null, identified ? "Coach" : null,
            ended ? end : null, ended ? Pick(ExitReasons) : null, ended ? Pick(ExitOccupations) : null, null,
            ended ? new[] { "Salary" } : Array.Empty<string>(),
            ended && random.NextDouble() < 0.93 ? Math.Min(5, stepAtStart + random.Next(0, 3)) : null,
            created, updated, 0,
        ];
        return (participation, person);
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];
}
