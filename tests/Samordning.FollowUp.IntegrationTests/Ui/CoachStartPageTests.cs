using System.Net;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Ui;

/// <summary>
/// The coach's "Att göra" page on both databases: which participations count as past their
/// intervention's expected length (start + weeks × 7 before today, still active, the coach's own
/// provider) and which follow-ups are listed (due and overdue only).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class CoachStartPageTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AttGora_PastTheExpectedLength_ListsOnlyTheCoachsActiveParticipations()
    {
        // 26 weeks = 182 days; today is 2026-11-23, so a start before 2026-05-25 is past it.
        var intervention = await Data.InterventionAsync();
        var past = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(10), new DateOnly(2026, 5, 24)));
        var onTheDay = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(11), new DateOnly(2026, 5, 25)));
        var ended = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(12), new DateOnly(2026, 2, 2)));
        await Data.ExitAsync(ended.Id, TestData.Exit(new DateOnly(2026, 10, 1)));
        var elsewhere = await Data.InterventionAsync(Data.HomeAssociationId, (await Data.ProviderAsync(Data.HomeAssociationId)).Id);
        var otherProviders = await Data.ParticipationAsync(elsewhere.Id, TestData.Identified(TestPersonnummer.Man(10), new DateOnly(2026, 2, 2)));

        using var coach = await UiSession.SignInAsync(Factory, UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        using var response = await coach.GetAsync("/att-gora", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Pågår längre än planerat (1)", html, StringComparison.Ordinal);
        Assert.Contains($"/deltaganden/{past.Id}/avslut", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-22", html, StringComparison.Ordinal); // the expected end: 2026-05-24 + 182 days
        Assert.Contains(TestPersonnummer.Masked(TestPersonnummer.Woman(10)), html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPersonnummer.Woman(10), html, StringComparison.Ordinal);
        foreach (var other in new[] { onTheDay.Id, ended.Id, otherProviders.Id })
        {
            Assert.DoesNotContain($"/deltaganden/{other}/avslut", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AttGora_FollowUps_ListsDueAndOverdueButNotUpcoming()
    {
        var intervention = await Data.InterventionAsync(start: new DateOnly(2025, 1, 1));
        var exits = new Dictionary<string, DateOnly>
        {
            ["overdue"] = new(2025, 10, 1),   // due 2026-10-01: after the due date, window still open
            ["due"] = new(2025, 12, 10),      // due 2026-12-10: window opened 2026-11-10
            ["upcoming"] = new(2026, 3, 1),   // due 2027-03-01
        };
        var ids = new Dictionary<string, long>();
        var n = 20;
        foreach (var (name, end) in exits)
        {
            var p = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(n++), end.AddMonths(-2)));
            await Data.ExitAsync(p.Id, TestData.Exit(end));
            ids[name] = p.Id;
        }

        await Factory.SendAsync(new Features.FollowUps.RunFollowUpSchedulerCommand(), Ct);

        using var coach = await UiSession.SignInAsync(Factory, UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        var html = await (await coach.GetAsync("/att-gora", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("Uppföljningar efter 12 månader (2)", html, StringComparison.Ordinal);
        Assert.Contains($">D-{ids["overdue"]}<", html, StringComparison.Ordinal);
        Assert.Contains($">D-{ids["due"]}<", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">D-{ids["upcoming"]}<", html, StringComparison.Ordinal);
        Assert.Contains("Försenad", html, StringComparison.Ordinal);
        Assert.Contains("Dags att följa upp", html, StringComparison.Ordinal);
        // Overdue first: its window closes first.
        Assert.True(html.IndexOf($">D-{ids["overdue"]}<", StringComparison.Ordinal) < html.IndexOf($">D-{ids["due"]}<", StringComparison.Ordinal));
    }
}
