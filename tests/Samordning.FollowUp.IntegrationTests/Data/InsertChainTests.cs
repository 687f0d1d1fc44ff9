using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Data;

/// <summary>
/// An intake's person, participation and audit line are written by one hand-built command
/// (<c>Data/InsertChain.cs</c>) instead of <c>SaveChanges</c>: what it stores must be what
/// <c>SaveChanges</c> stores, column by column, on each database, and nothing of it may remain
/// after a failure.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class InsertChainTests(ApiFactory factory) : ApiTest(factory)
{
    // Whole microseconds, as PostgreSQL keeps them.
    private static readonly DateTime At = new DateTime(2026, 5, 4, 13, 14, 15, DateTimeKind.Utc).AddTicks(1_234_560);

    [Fact]
    public async Task Chain_StoresEveryColumnAsSaveChangesDoes()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var saved = await Factory.WithDbAsync(async db =>
        {
            var rows = Rows(intervention, "saved");
            db.AddRange(rows.Person, rows.Participation);
            await db.SaveChangesAsync(Ct);
            rows.Line.EntityId = rows.Participation.Id.ToString(CultureInfo.InvariantCulture);
            db.Add(rows.Line);
            await db.SaveChangesAsync(Ct);
            return rows;
        });
        var chained = await Factory.WithDbAsync(async db =>
        {
            var rows = await ChainAsync(db, intervention, "chained");

            // Each row has its key, the links hold them, and nothing is left to save.
            Assert.True(rows.Person.Id > 0);
            Assert.Equal(rows.Person.Id, rows.Participation.ParticipantId);
            Assert.Equal(rows.Participation.Id.ToString(CultureInfo.InvariantCulture), rows.Line.EntityId);
            Assert.False(db.ChangeTracker.HasChanges(), db.ChangeTracker.DebugView.LongView);
            return rows;
        });

        Assert.Equal(
            Without(await RowAsync("Participations", saved.Participation.Id), "Id", "ParticipantId", "IdempotencyKey"),
            Without(await RowAsync("Participations", chained.Participation.Id), "Id", "ParticipantId", "IdempotencyKey"));
        Assert.Equal(Without(await RowAsync("Participants", saved.Person.Id), "Id"), Without(await RowAsync("Participants", chained.Person.Id), "Id"));
        Assert.Equal(Without(await RowAsync("AuditLog", saved.Line.Id), "Id", "EntityId"), Without(await RowAsync("AuditLog", chained.Line.Id), "Id", "EntityId"));
        var stored = await RowAsync("Participations", chained.Participation.Id);
        Assert.Equal(chained.Person.Id, Convert.ToInt64(stored["ParticipantId"], CultureInfo.InvariantCulture));
        Assert.Equal("Woman", stored["Gender"]); // the person's gender, copied as every save copies it
        Assert.Equal(chained.Participation.Id.ToString(CultureInfo.InvariantCulture), (await RowAsync("AuditLog", chained.Line.Id))["EntityId"]);
    }

    [Fact]
    public async Task Chain_MarksTheInterventionAndMovesTheReportDataVersionOnce()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var version = await Factory.ReportDataVersionCounterAsync();
        var marks = await MarksAsync(intervention.Id);

        await Factory.WithDbAsync(db => ChainAsync(db, intervention, "marked"));

        Assert.Equal(marks + 1, await MarksAsync(intervention.Id));
        Assert.Equal(version + 1, await Factory.ReportDataVersionCounterAsync());
    }

    [Fact]
    public async Task Chain_RefusedByTheDatabase_LeavesNothingBehind()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        await Factory.WithDbAsync(db => ChainAsync(db, intervention, "twice"));
        var before = await CountsAsync();

        // The same Idempotency-Key in the same intervention: the participation's INSERT is refused after the person's.
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => Factory.WithDbAsync(db => ChainAsync(db, intervention, "twice")));

        Assert.True(refused.IsUniqueViolation());
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>
    /// In a transaction the caller began (the demo data's batches), a refused chain is rolled back to
    /// its savepoint, as SaveChanges would be: the person it wrote first is gone and the caller's
    /// transaction goes on (PostgreSQL would otherwise refuse every later statement).
    /// </summary>
    [Fact]
    public async Task Chain_RefusedInTheCallersTransaction_LeavesThatTransactionUsable()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var before = await CountsAsync();

        var after = await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await WriteAsync(db, Rows(intervention, "kept"));
            var refused = Rows(intervention, "kept");
            await Assert.ThrowsAnyAsync<DbException>(() => WriteAsync(db, refused));
            db.ChangeTracker.Clear();
            var counts = (await db.Participants.CountAsync(Ct), await db.Participations.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct));
            await transaction.CommitAsync(Ct);
            return counts;
        });

        Assert.Equal((before.People + 1, before.Participations + 1, before.Lines + 1), after);
        Assert.Equal(after, await CountsAsync());

        static async Task WriteAsync(FollowUpDbContext db, ChainRows rows)
        {
            db.AddRange(rows.Person, rows.Participation, rows.Line);
            await db.SaveChainAsync(Chain(rows), Ct);
        }
    }

    /// <summary>SQL Server's way (one save per row), run here on SQLite and PostgreSQL: the same links.</summary>
    [Fact]
    public async Task OneByOne_LinksTheRowsAsTheChainDoes()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var rows = await Factory.WithDbAsync(async db =>
        {
            var rows = await ChainAsync(db, intervention, "one-by-one", oneByOne: true);
            Assert.False(db.ChangeTracker.HasChanges());
            return rows;
        });

        var stored = await RowAsync("Participations", rows.Participation.Id);
        Assert.Equal(rows.Person.Id, Convert.ToInt64(stored["ParticipantId"], CultureInfo.InvariantCulture));
        Assert.Equal(rows.Participation.Id.ToString(CultureInfo.InvariantCulture), (await RowAsync("AuditLog", rows.Line.Id))["EntityId"]);
    }

    private sealed record ChainRows(Participant Person, Participation Participation, AuditEntry Line);

    /// <summary>New rows written as a chain (or SQL Server's way) in a transaction of their own, committed.</summary>
    private static async Task<ChainRows> ChainAsync(FollowUpDbContext db, InterventionDto intervention, string key, bool oneByOne = false)
    {
        var rows = Rows(intervention, key);
        db.AddRange(rows.Person, rows.Participation, rows.Line);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await (oneByOne ? InsertChain.SaveOneByOneAsync(db, Chain(rows), Ct) : db.SaveChainAsync(Chain(rows), Ct));
        await transaction.CommitAsync(Ct);
        return rows;
    }

    private static InsertChain.Link[] Chain(ChainRows rows) =>
        [new(rows.Person), new(rows.Participation, nameof(Participation.ParticipantId)), new(rows.Line, nameof(AuditEntry.EntityId))];

    /// <summary>A person, a participation with every kind of column filled (and some left empty) and its audit line.</summary>
    private static ChainRows Rows(InterventionDto intervention, string key)
    {
        var person = new Participant
        {
            ProviderId = intervention.ProviderId,
            Gender = Gender.Woman,
            BirthYear = 1971,
            ContactCipher = [1, 2, 3, 4],
            CreatedAtUtc = At,
        };
        var participation = new Participation
        {
            InterventionId = intervention.Id,
            Participant = person,
            Gender = Gender.Man, // wrong on purpose: every save copies the person's
            StartDate = new DateOnly(2026, 5, 4),
            HomeMunicipality = "Borås",
            ReferredBy = ReferredBy.SocialInsuranceAgency,
            EducationLevel = EducationLevel.UpperSecondary,
            TimeInPublicSupport = TimeInPublicSupport.OneToTwoYears,
            OccupationAtStart = Occupation.SickLeave,
            ExtentPercentAtStart = 25,
            IncomeSourcesAtStart = [IncomeSource.SicknessBenefit, IncomeSource.FinancialAssistance],
            StepAtStart = 2,
            ConsentDate = new DateOnly(2026, 5, 3),
            ConsentTextVersion = "2026-01",
            ConsentCollectedBy = "Handläggare Åsa",
            FollowUpContactConsent = true,
            IdempotencyKey = key,
            IdempotencyFingerprint = [9, 8, 7],
            CreatedAtUtc = At,
            UpdatedAtUtc = At,
        };
        var line = new AuditEntry
        {
            AtUtc = At,
            UserId = "user-1",
            UserName = "Coach Åström",
            Role = UserRole.Coach,
            Action = AuditAction.Create,
            EntityType = "Participation",
            AssociationId = intervention.AssociationId,
            ProviderId = intervention.ProviderId,
        };
        return new ChainRows(person, participation, line);
    }

    private Task<Dictionary<string, object?>> RowAsync(string table, long id) => Factory.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = {id.ToString(CultureInfo.InvariantCulture)}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    });

    private static SortedDictionary<string, object?> Without(Dictionary<string, object?> row, params string[] columns) =>
        new(row.Where(c => !columns.Contains(c.Key)).ToDictionary(), StringComparer.Ordinal);

    private Task<int> MarksAsync(long interventionId) =>
        Factory.WithDbAsync(db => db.ReportDataChanges.CountAsync(m => m.InterventionId == interventionId, Ct));

    private Task<(int People, int Participations, int Lines)> CountsAsync() => Factory.WithDbAsync(async db =>
        (await db.Participants.CountAsync(Ct), await db.Participations.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
}
