using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// A code in a query string is one defined name, as in a body (<see cref="StrictInputTests"/>): a
/// comma list, a number or an unknown name is a 400 naming the parameter, never a combined flag.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class StrictQueryTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ListRefused = "Ange ett enda kodvärde, inte flera åtskilda med kommatecken.";
    private const string NumberRefused = "Ange kodvärdets namn, inte ett tal.";

    /// <summary>A query parameter and two of its defined names.</summary>
    private sealed record CodeField(string Field, string First, string Second);

    [Fact]
    public async Task QueryCodes_AsListNumberOrUnknownName_Return400NamingTheParameter()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var association = Data.HomeAssociationId;
        var cases = new (ApiClient Client, string Path, CodeField Code)[]
        {
            (Admin, "/api/v1/users", new("role", "SystemAdmin", "Coach")),
            (Office, "/api/v1/users", new("role", "Coach", "BoardMember")),
            (Admin, "/api/v1/audit", new("action", "IdentityRead", "Create")),
            (Coach, $"/api/v1/interventions/{intervention.Id}/participations", new("status", "Active", "Ended")),
            (Coach, "/api/v1/follow-ups", new("status", "Due", "Overdue")),
            (Office, $"/api/v1/associations/{association}/indicators?year=2026&tertial=1", new("mode", "Period", "YearToDate")),
            (Office, $"/api/v1/associations/{association}/reports/tertial/2026/1?view=current", new("mode", "Period", "YearToDate")),
        };

        foreach (var (client, path, code) in cases)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            // Each name alone is accepted.
            await (await client.GetAsync($"{path}{separator}{code.Field}={code.First}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            foreach (var bad in new[] { $"{code.First},{code.Second}", $"{code.First}, {code.Second}", "1", "Foo" })
            {
                var response = await client.GetAsync($"{path}{separator}{code.Field}={Uri.EscapeDataString(bad)}");

                await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code.Field);
            }
        }
    }

    [Fact]
    public async Task QueryRole_AsCommaList_Returns400InsteadOfTheUsersOfTheCombinedRole()
    {
        var association = await Data.AssociationAsync();
        await Factory.CreateUserAsync(Samordning.FollowUp.Domain.UserRole.BoardMember, association.Id, null);

        // AssociationAdmin | Coach = BoardMember: the list used to answer with the board members.
        var response = await Admin.GetAsync("/api/v1/users?role=AssociationAdmin,Coach");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
        Assert.Equal([ListRefused], problem.Errors!["role"]);
        var number = await (await Admin.GetAsync("/api/v1/users?role=3")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
        Assert.Equal([NumberRefused], number.Errors!["role"]);
    }
}
