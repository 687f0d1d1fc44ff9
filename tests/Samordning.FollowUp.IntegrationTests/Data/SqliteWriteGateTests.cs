using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Data;

/// <summary>
/// SQLite's writers queue in the process (<see cref="SqliteWriteGate"/>): the next transaction begins
/// when the one before ends, and a turn is never kept by a transaction that is gone. A kept turn
/// would make every later write on the service wait half a minute (seen in the intake benchmark
/// before a turn ended with its context: a caller that hangs up leaves a transaction disposed
/// without commit or rollback).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class SqliteWriteGateTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task SecondWriter_BeginsWhenTheFirstCommits()
    {
        SkipUnlessSqlite();
        await using var first = Factory.Services.CreateAsyncScope();
        await using var second = Factory.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var b = second.ServiceProvider.GetRequiredService<FollowUpDbContext>();

        var transaction = await a.Database.BeginTransactionAsync(Ct);
        Assert.False(IsFree(a));
        var waiting = b.Database.BeginTransactionAsync(Ct);
        Assert.False(waiting.IsCompleted);

        await transaction.CommitAsync(Ct);
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(IsFree(b));
        await next.RollbackAsync(Ct);
        Assert.True(IsFree(b));
        await transaction.DisposeAsync();
    }

    [Fact]
    public async Task TransactionDisposedWithoutCommit_GivesUpTheTurnWithItsContext()
    {
        SkipUnlessSqlite();
        FollowUpDbContext a;
        await using (var request = Factory.Services.CreateAsyncScope())
        {
            a = request.ServiceProvider.GetRequiredService<FollowUpDbContext>();
            var transaction = await a.Database.BeginTransactionAsync(Ct);
            await a.Participants.CountAsync(Ct);
            Assert.False(IsFree(a));
            // As when the caller hangs up: disposed, neither committed nor rolled back.
            await transaction.DisposeAsync();
        }

        await using var later = Factory.Services.CreateAsyncScope();
        var b = later.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        Assert.True(IsFree(b));
        await using var next = await b.Database.BeginTransactionAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await next.CommitAsync(Ct);
        Assert.True(IsFree(b));
    }

    [Fact]
    public async Task FailedSave_GivesUpTheTurn()
    {
        SkipUnlessSqlite();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO \"NoSuchTable\" VALUES (1)", Ct));
            await transaction.RollbackAsync(Ct);
        }

        Assert.True(IsFree(db));
    }

    private static bool IsFree(FollowUpDbContext db) => SqliteWriteGate.Instance.IsFree(db.Database.GetDbConnection());

    private void SkipUnlessSqlite()
    {
        if (Factory.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("SQLite's write queue; PostgreSQL and SQL Server have writers of their own.");
        }
    }
}
