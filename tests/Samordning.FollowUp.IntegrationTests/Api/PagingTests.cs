using System.Net;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// Every paged list: a page past the end is empty and still tells the total, however large its
/// number. (page − 1) × pageSize used to overflow for page 2147483647 and give the first page.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class PagingTests(ApiFactory factory) : ApiTest(factory)
{
    // 2147483647 × 200 and 1073741825 × 2 both overflow an int; 2 × 200 is just past the end.
    private static readonly string[] PastTheEnd =
    [
        "page=2147483647&pageSize=200",
        "page=2147483647&pageSize=1",
        "page=1073741825&pageSize=2",
        "page=2&pageSize=200",
    ];

    /// <summary>One of everything, so that every list has a first page that is not empty.</summary>
    private async Task<(ApiClient Client, string Path)[]> ListsAsync()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(), TestDates.Start, new DateOnly(2026, 6, 15));
        Assert.NotNull(await Data.FollowUpOfAsync(participation.Id));
        await Factory.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification
            {
                AssociationId = Data.HomeAssociationId,
                ProviderId = Data.HomeProviderId,
                Kind = NotificationKind.FollowUpDigest,
                ForDate = TestDates.Today,
                Subject = "Uppföljningar att göra",
                Body = "En uppföljning är snart dags.",
                ItemCount = 1,
                CreatedAtUtc = TestDates.Now.UtcDateTime,
            });
            return await db.SaveChangesAsync(Ct);
        });

        return
        [
            (Coach, $"/api/v1/interventions/{intervention.Id}/participations"),
            (Coach, "/api/v1/follow-ups"),
            (Coach, "/api/v1/notifications"),
            (Admin, "/api/v1/users"),
            (Office, "/api/v1/users"),
            (Admin, "/api/v1/audit"),
            (Office, "/api/v1/audit"),
        ];
    }

    [Fact]
    public async Task EveryList_PagePastTheEnd_IsEmptyWithTheRightTotal()
    {
        foreach (var (client, path) in await ListsAsync())
        {
            var first = await (await client.GetAsync($"{path}?page=1&pageSize=200")).ShouldBeAsync<PageDto<object>>(HttpStatusCode.OK);
            Assert.True(first.TotalCount > 0 && first.Items.Count == first.TotalCount, $"{path}: the first page should hold everything");

            foreach (var query in PastTheEnd)
            {
                var page = await (await client.GetAsync($"{path}?{query}")).ShouldBeAsync<PageDto<object>>(HttpStatusCode.OK);

                Assert.True(page.Items.Count == 0, $"{path}?{query}: {page.Items.Count} items instead of none");
                Assert.Equal(first.TotalCount, page.TotalCount);
                Assert.Equal(query, $"page={page.Page}&pageSize={page.PageSize}");
            }
        }
    }

    [Fact]
    public async Task EveryList_PageBelowOneOrSizeOutsideOneTo200_Returns400NamingTheParameter()
    {
        foreach (var (client, path) in await ListsAsync())
        {
            foreach (var (query, field) in new[] { ("page=0", "page"), ("page=-2147483648", "page"), ("pageSize=0", "pageSize"), ("pageSize=201", "pageSize") })
            {
                var response = await client.GetAsync($"{path}?{query}");

                await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
            }
        }
    }
}
