using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>
/// How many SQL commands one intake costs, counted by an EF Core command interceptor over the whole
/// HTTP request (the session check, access, the registration and the response). README, "Performance".
/// A bound, not a timing: a change that adds a round trip to every intake fails here. An anonymous
/// intake (3): the session check (which also reads the coach's remembered "Anvisad av", so an
/// unchanged one is not written again), the access rule's intervention (which the handler reuses),
/// and one command that writes the person, the participation and its audit line
/// (<c>Data/InsertChain.cs</c>); the response is mapped from what was saved, not read back (BEGIN
/// and COMMIT are not commands). Identified with an Idempotency-Key (5): also the replay lookup and
/// the person's lookup by HMAC. Each also moves the report data version once (<c>Data/ReportDataVersion.cs</c>:
/// on SQLite inside the writing command, elsewhere one statement after the commit outside EF Core's
/// pipeline), counted here by how far the number moved: 4 and 6 round trips.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class IntakeRoundTripTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    [Fact]
    public async Task Register_Anonymous_TakesAtMostFourRoundTrips_AndWritesInOne()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous("Man", 1988)); // warm

        var commands = await CountAsync(() => Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous("Woman", 1990)));

        Assert.InRange(commands.Count, 1, 4);
        WritesInOne(commands);
    }

    [Fact]
    public async Task Register_Identified_WithIdempotencyKey_TakesAtMostSixRoundTrips_AndWritesInOne()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(TestPersonnummer.Man()), "warm");

        var commands = await CountAsync(() =>
            Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(TestPersonnummer.Woman()), "round-trips"));

        Assert.InRange(commands.Count, 1, 6);
        WritesInOne(commands);
    }

    /// <summary>The person, the participation and its audit line are written by one command, and nothing else writes them.</summary>
    private static void WritesInOne(List<string> commands)
    {
        string[] tables = ["\"Participants\"", "\"Participations\"", "\"AuditLog\""];
        var writing = commands.Where(c => tables.Any(t => c.Contains("INSERT INTO " + t, StringComparison.Ordinal))).ToList();
        var one = Assert.Single(writing);
        Assert.All(tables, t => Assert.Contains("INSERT INTO " + t, one, StringComparison.Ordinal));
    }

    private async Task<List<string>> CountAsync(Func<Task<HttpResponseMessage>> send)
    {
        var before = await Factory.ReportDataVersionCounterAsync();
        var commands = new List<string>();
        Factory.Commands.AfterExecute = command =>
        {
            lock (commands)
            {
                commands.Add(command.CommandText);
            }
        };
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        finally
        {
            Factory.Commands.Reset();
        }

        await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        var moves = await Factory.ReportDataVersionCounterAsync() - before;
        Assert.Equal(1, moves);
        commands.Add("-- the report data version moved after the commit");
        output.WriteLine($"{commands.Count} commands:");
        foreach (var sql in commands)
        {
            output.WriteLine("--\n" + sql);
        }

        return commands;
    }
}
