using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// A coach on a phone (issue 15, item 6): at 390 px every coach page fits the screen — nothing is
/// wider than the window, tables become stacked rows with their action visible — and is axe clean.
/// Which pages are the coach's is read from the app (every page with the coach policy), so a new
/// coach page without an address here fails the test.
/// </summary>
public sealed class PhoneWidthTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Coach pages no one opens as a page: the check as you type answers a script's POST.</summary>
    private static readonly HashSet<string> NotVisited = ["/insatser/personnummer-kontroll"];

    [Fact]
    public async Task EveryCoachPage_At390Px_HasNoHorizontalOverflow_AndIsAccessible()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Arbetsmarknadsenheten med ett långt namn");
        var office = Users.OfficeOf(association.Id);
        var identified = await office.InterventionAsync(association.Id, provider.Id, "Arbetsträning med individuellt stöd", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        var anonymous = await office.InterventionAsync(association.Id, provider.Id, "Öppen verksamhet", Mode.AnonymousIndividual, "Preventive", new DateOnly(2025, 1, 1));
        var countOnly = await office.InterventionAsync(association.Id, provider.Id, "Kompetensutveckling", Mode.CountOnly, "Training", new DateOnly(2025, 1, 1));
        // Ended a year ago: the 12-month follow-up is due now. Another one still active, past its expected length.
        var ended = await office.IdentifiedAsync(Data, identified.Id, TestPersonnummer.Woman(3), new DateOnly(2025, 2, 3), new DateOnly(2025, 12, 12), "PlannedCompletion", "Employed", 4);
        await office.IdentifiedAsync(Data, identified.Id, TestPersonnummer.Man(4), new DateOnly(2025, 3, 3));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        await (await office.PutAsync($"/api/v1/associations/{association.Id}/intake-settings",
            new System.Text.Json.Nodes.JsonObject { ["defaultConsentTextVersion"] = "Samtycke 2026:1" })).ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        var followUp = await Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.TwelveMonthFollowUps.Where(f => f.ParticipationId == ended.Id).Select(f => f.Id), Ct));

        var waiting = await Data.ReferralAsync(identified.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(5), new DateOnly(2026, 10, 1)));
        var anonymousReferral = await Data.ReferralAsync(anonymous.Id, TestData.AnonymousReferral(new DateOnly(2026, 11, 2)));

        var addresses = new Dictionary<string, string[]>
        {
            ["/insatser/{id:long}/anvisningar"] = [$"/insatser/{identified.Id}/anvisningar", $"/insatser/{anonymous.Id}/anvisningar?status=all"],
            ["/insatser/{id:long}/anvisningar/ny"] = [$"/insatser/{identified.Id}/anvisningar/ny", $"/insatser/{anonymous.Id}/anvisningar/ny"],
            ["/anvisningar/{id:long}"] = [$"/anvisningar/{waiting.Id}", $"/anvisningar/{anonymousReferral.Id}"],
            ["/att-gora"] = ["/att-gora"],
            ["/insatser"] = ["/insatser"],
            ["/insatser/{id:long}/inskrivning"] = [$"/insatser/{identified.Id}/inskrivning", $"/insatser/{anonymous.Id}/inskrivning", $"/insatser/{countOnly.Id}/inskrivning",
                $"/insatser/{identified.Id}/inskrivning?anvisning={waiting.Id}"],
            ["/insatser/{id:long}/deltagare"] = [$"/insatser/{identified.Id}/deltagare"],
            ["/deltaganden/{id:long}"] = [$"/deltaganden/{ended.Id}"],
            ["/deltaganden/{id:long}/rattelse"] = [$"/deltaganden/{ended.Id}/rattelse"],
            ["/deltaganden/{id:long}/avslut"] = [$"/deltaganden/{ended.Id}/avslut"],
            ["/deltaganden/{id:long}/matningar"] = [$"/deltaganden/{ended.Id}/matningar"],
            ["/deltaganden/{id:long}/kontakt"] = [$"/deltaganden/{ended.Id}/kontakt"],
            ["/uppfoljningar/{id:long}"] = [$"/uppfoljningar/{followUp}"],
            ["/tertialrapportering/{ar:int?}/{tertial:int?}"] = ["/tertialrapportering"],
            ["/konton"] = ["/konton"],
            ["/insatser/{id:long}/antal"] = [$"/insatser/{countOnly.Id}/antal"],
            ["/insatser/{id:long}/ekonomi"] = [$"/insatser/{identified.Id}/ekonomi"],
            ["/deltagare"] = ["/deltagare"],
            ["/sok"] = ["/sok"],
            ["/radera-personuppgifter"] = ["/radera-personuppgifter"],
            ["/datakvalitet"] = ["/datakvalitet"],
        };
        var coachPages = CoachPageTemplates().Where(t => !NotVisited.Contains(t)).ToList();
        Assert.True(coachPages.All(addresses.ContainsKey),
            "A coach page without an address in this test: " + string.Join(", ", coachPages.Where(t => !addresses.ContainsKey(t))));

        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await page.SetViewportSizeAsync(390, 844);
        var problems = new List<string>();
        foreach (var path in coachPages.SelectMany(t => addresses[t]))
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Status == 200, $"{path}: {response?.Status}");
            var overflow = await page.EvaluateAsync<string>(
                """
                () => document.documentElement.scrollWidth <= window.innerWidth ? '' :
                    document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': ' +
                    [...document.querySelectorAll('main *, header *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                        .slice(0, 6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
                """);
            if (overflow.Length > 0)
            {
                problems.Add($"{path}: {overflow}");
            }

            // A table's action (its last cell's link or button) is on the screen, not beyond its right edge.
            var hiddenActions = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('main td a, main td button')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5).length");
            if (hiddenActions > 0)
            {
                problems.Add($"{path}: {hiddenActions} links or buttons in tables beyond the screen's edge");
            }

            // Dates never break across lines.
            var brokenDates = await page.EvaluateAsync<string>(
                """
                () => [...document.querySelectorAll('main td, main dd, main .date')]
                    .filter(e => /^\d{4}-\d{2}-\d{2}$/.test(e.textContent.trim()) && e.getClientRects().length > 0 && e.getBoundingClientRect().height > parseFloat(getComputedStyle(e).lineHeight) * 1.5 + 16)
                    .map(e => e.textContent.trim()).join(', ')
                """);
            if (brokenDates.Length > 0)
            {
                problems.Add($"{path}: dates broken across lines: {brokenDates}");
            }

            try
            {
                await AssertAccessibleAsync(page);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        await page.GotoAsync($"/insatser/{identified.Id}/inskrivning");
        await Assertions.Expect(page.GetByLabel("Samtyckestextens version", new() { Exact = true })).ToHaveValueAsync("Samtycke 2026:1");
        await CheckPageAsync(page, "coach-inskrivning-390");
        await page.GotoAsync("/att-gora");
        await CheckPageAsync(page, "coach-att-gora-390");
    }

    /// <summary>Every page of the app that the coach policy guards, by its route template.</summary>
    private List<string> CoachPageTemplates() =>
        [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null
                && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == UiSetup.CoachPolicy))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()];
}
