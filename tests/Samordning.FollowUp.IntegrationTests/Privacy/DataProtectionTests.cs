using System.Globalization;
using System.Net;
using System.Text;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>The personnummer is never stored in plaintext, and a refused request leaves nothing behind.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class DataProtectionTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_Identified_StoresThePersonnummerOnlyEncrypted()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.WithDash(pnr)));

        var participants = await Factory.ReadRawTableAsync("Participants");
        var cipher = Assert.IsType<byte[]>(Assert.Single(participants)["IdentityCipher"]);
        Assert.NotEmpty(cipher);
        Assert.Empty(PlaintextOccurrences(pnr, participants));
        Assert.Empty(PlaintextOccurrences(pnr, await Factory.ReadRawTableAsync("Participations")));
    }

    [Fact]
    public async Task RegisterWithIdempotencyKeyAndCorrect_NoTableHoldsThePersonnummerInPlaintext()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var mistyped = TestPersonnummer.Man(0);
        var right = TestPersonnummer.Man(1);
        var created = await (await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(mistyped), idempotencyKey: "reg-1")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        await (await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Identified(right))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var found = new List<string>();
        foreach (var table in await Factory.TableNamesAsync())
        {
            var rows = await Factory.ReadRawTableAsync(table);
            found.AddRange(PlaintextOccurrences(mistyped, rows).Select(c => $"{table}.{c}"));
            found.AddRange(PlaintextOccurrences(right, rows).Select(c => $"{table}.{c}"));
        }

        Assert.Empty(found);
    }

    [Fact]
    public async Task Register_Rejected409_LeavesNoParticipationAndNoParticipantBehind()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(pnr, start: Start.AddDays(7)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_Rejected400ForANewPerson_LeavesNoParticipantBehind()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2026, 3, 1));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(0)));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.Woman(1), start: new DateOnly(2026, 2, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_Anonymous_Rejected400_LeavesNoParticipantBehind()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual, end: new DateOnly(2026, 6, 30));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous(start: new DateOnly(2026, 7, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
        Assert.Equal(0, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(0, await ParticipantRowsAsync());
    }

    /// <summary>Columns whose value holds the number as text or as its ASCII bytes (12 or 10 digits).</summary>
    private static List<string> PlaintextOccurrences(string twelveDigits, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        string[] forms = [twelveDigits, twelveDigits[2..]];
        var found = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (column, value) in row)
            {
                var hit = value switch
                {
                    null => false,
                    byte[] bytes => forms.Any(f => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(f)) >= 0),
                    _ => forms.Any(f => Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("-", "", StringComparison.Ordinal)
                        .Contains(f, StringComparison.Ordinal)),
                };
                if (hit)
                {
                    found.Add(column);
                }
            }
        }

        return found;
    }
}
