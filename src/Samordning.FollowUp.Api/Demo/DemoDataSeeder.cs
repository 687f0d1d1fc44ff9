using System.Diagnostics;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Api.Demo;

/// <summary>
/// Seeds the demo association into an empty database through the same Mediator commands the API
/// sends, so the demo data passes every validator and rule. Deterministic for a seed and a day.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IServiceScopeFactory scopes, IOptions<DemoDataOptions> options, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    private const int BatchSize = 50;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
            if (await db.Associations.AnyAsync(cancellationToken))
            {
                LogNotEmpty(logger);
                if (!await db.Users.AnyAsync(cancellationToken))
                {
                    await SeedUsersAsync(cancellationToken);
                }

                return;
            }
        }

        var today = clock.Today();
        if (today < DemoAssociation.InterventionsStart.AddMonths(6))
        {
            // The demo needs some history; a clock set before 2023 gets no demo data.
            LogClockTooEarly(logger, today);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var rows = await SeedFiles.ReadPlansAsync(Path.Combine(SeedFiles.Folder, SeedFiles.PlansFile), cancellationToken);
        var people = await SeedFiles.ReadTestPersonsAsync(Path.Combine(SeedFiles.Folder, SeedFiles.TestPersonsFile), today, cancellationToken);
        var dice = new Dice(options.Value.Seed);
        var providers = DemoAssociation.Providers();
        var interventions = DemoAssociation.Interventions(rows, today, dice);
        var participations = DemoParticipations.Generate(interventions, providers, people, today, dice);

        long associationId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                associationId = (await sender.Send(DemoAssociation.Association, cancellationToken)).Id;
            }
            catch (ConflictException)
            {
                // Another instance started at the same moment and is seeding.
                LogNotEmpty(logger);
                return;
            }
        }

        try
        {
            var interventionIds = new long[interventions.Count];
            await InBatchAsync(
                (sender, _) => SeedStructureAsync(sender, associationId, providers, interventions, interventionIds, cancellationToken),
                cancellationToken);
            await InBatchAsync(
                (sender, _) => DemoEconomy.SeedAsync(sender, associationId, interventions, interventionIds, today, cancellationToken),
                cancellationToken);

            // Intakes in start order; re-entries come last, after the exit they follow.
            foreach (var batch in participations.Chunk(BatchSize))
            {
                await InBatchAsync(async (sender, db) =>
                {
                    foreach (var participation in batch)
                    {
                        // Like separate HTTP requests: each participation starts with an empty change
                        // tracker, so saving does not scan everything the batch has touched.
                        db.ChangeTracker.Clear();
                        var registered = await sender.Send(
                            participation.Register with { InterventionId = interventionIds[participation.InterventionIndex] },
                            cancellationToken);
                        if (participation.Exit is { } exit)
                        {
                            await sender.Send(exit with { ParticipationId = registered.Participation.Id }, cancellationToken);
                        }
                    }
                }, cancellationToken);
            }

            await InBatchAsync((sender, db) => SeedFollowUpResultsAsync(sender, db, today, cancellationToken), cancellationToken);
            await InBatchAsync(async (sender, _) => await sender.Send(new ComputeIndicatorsCommand(associationId), cancellationToken),
                cancellationToken);
            await SeedUsersAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                "Seeding demo data stopped part-way. Delete the development database and start again.", e);
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var plans = interventions.Sum(i => i.Plans.Count);
        var counts = interventions.Sum(i => i.Counts.Count);
        var ended = participations.Count(p => p.Exit is not null);
        var anonymous = participations.Count(p => interventions[p.InterventionIndex].Mode == RegistrationMode.AnonymousIndividual);
        var reEntries = participations.Count(p => p.IsReEntry);
        LogSeeded(logger, providers.Count, interventions.Count, plans, counts, participations.Count, ended, anonymous, reEntries, elapsedMs);
    }

    /// <summary>
    /// One scope (and DbContext) per batch keeps the change tracker small. The handlers save as
    /// usual; one transaction around the batch spares a disk sync per command.
    /// </summary>
    private async Task InBatchAsync(Func<ISender, FollowUpDbContext, Task> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work(scope.ServiceProvider.GetRequiredService<ISender>(), db);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The coaches' answers at the 12-month follow-ups that have come due: most reached, some
    /// unreachable or declining, some never recorded (they stay overdue or expire).
    /// </summary>
    private async Task SeedFollowUpResultsAsync(ISender sender, FollowUpDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        await sender.Send(new RunFollowUpSchedulerCommand(), cancellationToken);
        var due = await db.TwelveMonthFollowUps.AsNoTracking()
            .Where(f => f.DueDate <= today && f.Status != FollowUpStatus.Cancelled)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.DueDate })
            .ToListAsync(cancellationToken);
        var random = new Random(options.Value.Seed + 12);
        Occupation[] occupations =
        [
            Occupation.Employed, Occupation.Employed, Occupation.Employed, Occupation.SubsidisedEmployment, Occupation.Studies,
            Occupation.JobSeeking, Occupation.JobSeeking, Occupation.JobSeeking, Occupation.SickLeave, Occupation.InterventionAtParty,
        ];
        foreach (var followUp in due)
        {
            var roll = random.NextDouble();
            if (roll < 0.15)
            {
                continue;
            }

            var outcome = roll < 0.70 ? FollowUpOutcome.Reached : roll < 0.93 ? FollowUpOutcome.Unreachable : FollowUpOutcome.Declined;
            var contactedOn = followUp.DueDate.AddDays(random.Next(-20, 45));
            contactedOn = contactedOn > today ? today : contactedOn;
            var occupation = outcome == FollowUpOutcome.Reached ? occupations[random.Next(occupations.Length)] : (Occupation?)null;
            IncomeSource[] income = occupation switch
            {
                Occupation.Employed or Occupation.SubsidisedEmployment => [IncomeSource.Salary],
                Occupation.Studies => [IncomeSource.StudentFinance],
                Occupation.SickLeave => [IncomeSource.SicknessBenefit],
                null => [],
                _ => [IncomeSource.ActivitySupport],
            };
            db.ChangeTracker.Clear();
            if (outcome == FollowUpOutcome.Unreachable)
            {
                // "Ej anträffbar" only after real tries: a week apart, the last on the day recorded.
                await sender.Send(new RecordContactAttemptCommand(contactedOn.AddDays(-7), ContactAttemptOutcome.NoAnswer) { FollowUpId = followUp.Id }, cancellationToken);
                await sender.Send(new RecordContactAttemptCommand(contactedOn, ContactAttemptOutcome.NoAnswer) { FollowUpId = followUp.Id }, cancellationToken);
            }

            await sender.Send(new RecordFollowUpResultCommand(outcome, contactedOn, occupation,
                occupation is Occupation.Employed ? 100 : null, income) with { FollowUpId = followUp.Id }, cancellationToken);
        }
    }

    private static async Task SeedStructureAsync(
        ISender sender, long associationId, IReadOnlyList<DemoProvider> providers, IReadOnlyList<DemoIntervention> interventions,
        long[] interventionIds, CancellationToken cancellationToken)
    {
        var providerIds = new Dictionary<string, long>();
        foreach (var provider in providers)
        {
            var created = await sender.Send(provider.Command with { AssociationId = associationId }, cancellationToken);
            providerIds[provider.Name] = created.Id;
        }

        for (var i = 0; i < interventions.Count; i++)
        {
            var intervention = interventions[i];
            var created = await sender.Send(
                intervention.Command with { AssociationId = associationId, ProviderId = providerIds[intervention.ProviderName] },
                cancellationToken);
            interventionIds[i] = created.Id;
            foreach (var plan in intervention.Plans)
            {
                await sender.Send(plan with { InterventionId = created.Id }, cancellationToken);
            }

            foreach (var count in intervention.Counts)
            {
                await sender.Send(count with { InterventionId = created.Id }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// One user per role, with the password the README gives (Development only). Written straight
    /// into the user store: in the service nobody sets another person's password, but the demo
    /// needs known ones, and its coaches count as confirmed by their providers.
    /// </summary>
    private async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var association = await db.Associations.Where(a => a.Name == DemoAssociation.Name).Select(a => a.Id).SingleAsync(cancellationToken);
        var providers = await db.Providers.Where(p => p.AssociationId == association)
            .ToDictionaryAsync(p => p.Name, p => p.Id, cancellationToken);
        foreach (var user in DemoUsers.All)
        {
            var providerId = user.ProviderName is { } name ? providers[name] : (long?)null;
            var account = new UserAccount
            {
                UserName = user.Email,
                Email = user.Email,
                DisplayName = user.DisplayName,
                Role = user.Role,
                AssociationId = user.Role == UserRole.SystemAdmin ? null : association,
                ProviderId = providerId,
                CreatedAtUtc = now,
                ProviderConfirmedAtUtc = user.Role == UserRole.Coach ? now : null,
            };
            var result = await users.CreateAsync(account, DemoUsers.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo user not created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data: today ({Today}) is too early for the demo's history from 2023, nothing seeded.")]
    private static partial void LogClockTooEarly(ILogger logger, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: the database already holds an association, nothing seeded.")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Demo data seeded: 1 association, {Providers} providers, {Interventions} interventions, {Plans} yearly plans, "
        + "{Counts} yearly counts, {Participations} participations ({Ended} ended, {Anonymous} anonymous, {ReEntries} re-entries) "
        + "in {ElapsedMs} ms.")]
    private static partial void LogSeeded(
        ILogger logger, int providers, int interventions, int plans, int counts, int participations, int ended, int anonymous,
        int reEntries, long elapsedMs);
}
