using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Providers;

/// <summary>The office keeps its providers: rename, contact e-mail, deactivate; the overview and the pages.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class ProviderManagementTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Update_RenamesAndSetsContactEmail()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Arbetsmarknadsenheten");

        var saved = await (await Office.PutAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}",
                new JsonObject { ["name"] = "Arbetsmarknadsenheten Borås", ["contactEmail"] = "rapport@borås.test" }))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.OK);

        var listed = Assert.Single(await (await Office.GetAsync($"/api/v1/associations/{association.Id}/providers"))
            .ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK));
        Assert.Equal(saved, listed);
        Assert.Equal("Arbetsmarknadsenheten Borås", listed.Name);
        Assert.Equal("rapport@borås.test", listed.ContactEmail);
    }

    [Fact]
    public async Task Update_EmptyNameOrBadEmail_Returns400WithSwedishReasons()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);

        var problem = await (await Office.PutAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}",
                new JsonObject { ["name"] = " ", ["contactEmail"] = "inte en adress" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");

        Assert.Equal(["Namn måste anges."], problem.Errors!["name"]);
        Assert.Equal(["E-postadressen är inte giltig."], problem.Errors!["contactEmail"]);
    }

    [Fact]
    public async Task Update_AnotherProvidersName_Returns409()
    {
        var association = await Data.AssociationAsync();
        await Data.ProviderAsync(association.Id, "Utförare A");
        var second = await Data.ProviderAsync(association.Id, "Utförare B");

        var problem = await (await Office.PutAsync($"/api/v1/associations/{association.Id}/providers/{second.Id}",
                new JsonObject { ["name"] = "Utförare A" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "name");

        Assert.Equal("Förbundet har redan en utförare med det namnet.", problem.Detail);
    }

    [Fact]
    public async Task UpdateAndDeactivate_AnotherAssociationsProvider_Return404()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        var far = await Data.ProviderAsync(other.Id, "Annat förbunds utförare");

        // Through the office's own association, and through the other one's.
        await (await Office.PutAsync($"/api/v1/associations/{home.Id}/providers/{far.Id}", new JsonObject { ["name"] = "Nytt namn" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.PostAsync($"/api/v1/associations/{home.Id}/providers/{far.Id}/deactivate", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.PutAsync($"/api/v1/associations/{other.Id}/providers/{far.Id}", new JsonObject { ["name"] = "Nytt namn" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var unchanged = Assert.Single(await (await Users.OfficeOf(other.Id).GetAsync($"/api/v1/associations/{other.Id}/providers"))
            .ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK));
        Assert.Equal("Annat förbunds utförare", unchanged.Name);
        Assert.True(unchanged.IsActive);
    }

    [Fact]
    public async Task Deactivate_KeepsTheData_RefusesNewInterventionsAndCoaches()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id);

        var deactivated = await (await Office.PostAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}/deactivate", new JsonObject()))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.OK);
        Assert.False(deactivated.IsActive);
        // Deactivating again changes nothing.
        Assert.Equal(deactivated, await (await Office.PostAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}/deactivate", new JsonObject()))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.OK));

        await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var noIntervention = await (await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions",
                TestData.Intervention(provider.Id, Mode.Identified, TestDates.InterventionStart, TestDates.InterventionEnd)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "providerId");
        Assert.Contains("Utföraren är inaktiv och kan inte få nya insatser eller deltagaransvariga.", noIntervention.Errors!["providerId"]);

        var noCoach = await (await Office.PostAsync("/api/v1/users", new JsonObject
            {
                ["email"] = $"ny-{Guid.NewGuid():N}@utforare.test",
                ["displayName"] = "Ny deltagaransvarig",
                ["role"] = "Coach",
                ["providerId"] = provider.Id,
            }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "providerId");
        Assert.Contains("Utföraren är inaktiv och kan inte få nya insatser eller deltagaransvariga.", noCoach.Errors!["providerId"]);
    }

    [Fact]
    public async Task Overview_ListsInterventionsCoachesAndOpenChecklistItems()
    {
        var association = await Data.AssociationAsync();
        var busy = await Data.ProviderAsync(association.Id, "Utförare A");
        await Data.ProviderAsync(association.Id, "Utförare B");
        var identified = await Data.InterventionAsync(association.Id, busy.Id);
        // Count-only, running through T2 2026 (the last ended tertial on 2026-11-23) with no count
        // entered: one open item of the checklist. The identified one has no participants: none.
        var countOnly = await Data.InterventionAsync(association.Id, busy.Id, Mode.CountOnly);
        await Factory.CreateUserAsync(UserRole.Coach, association.Id, busy.Id);

        var overview = await (await Office.GetAsync($"/api/v1/associations/{association.Id}/providers/overview"))
            .ShouldBeAsync<OverviewDto>(HttpStatusCode.OK);

        Assert.Equal((2026, 2), (overview.Year, overview.Tertial));
        Assert.Equal(["Utförare A", "Utförare B"], overview.Providers.Select(p => p.Provider.Name));
        var a = overview.Providers[0];
        Assert.Equal(new[] { identified.Id, countOnly.Id }.Order(), a.Interventions.Select(i => i.Id).Order());
        Assert.Equal(["Test Coach"], a.Coaches);
        Assert.Equal(1, a.OpenDataQualityItems);
        var b = overview.Providers[1];
        Assert.Empty(b.Interventions);
        Assert.Empty(b.Coaches);
        Assert.Equal(0, b.OpenDataQualityItems);
    }

    [Fact]
    public async Task Pages_CreateRenameDeactivate_ShowTheListAndSwedishMessages()
    {
        var association = await Data.AssociationAsync();
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, association.Id, null);

        var token = await UiSession.FormTokenAsync(browser, "/kansli/utforare/ny");
        using var empty = await UiSession.PostFormAsync(browser, "/kansli/utforare/ny", token, ("Input.Name", ""), ("Input.ContactEmail", "fel"));
        var emptyPage = await empty.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Namn måste anges.", emptyPage, StringComparison.Ordinal);
        Assert.Contains("E-postadressen är inte giltig.", emptyPage, StringComparison.Ordinal);

        using var created = await UiSession.PostFormAsync(browser, "/kansli/utforare/ny", token,
            ("Input.Name", "Activa Skövde"), ("Input.ContactEmail", "rapport@activa.test"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var provider = Assert.Single(await (await Office.GetAsync($"/api/v1/associations/{association.Id}/providers"))
            .ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK));
        Assert.Equal(("Activa Skövde", "rapport@activa.test"), (provider.Name, provider.ContactEmail));

        var edit = $"/kansli/utforare/{provider.Id}";
        token = await UiSession.FormTokenAsync(browser, edit);
        using var renamed = await UiSession.PostFormAsync(browser, edit, token, ("Input.Name", "Activa Skaraborg"), ("Input.ContactEmail", ""));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        using var unconfirmed = await UiSession.PostFormAsync(browser, edit + "?handler=Deactivate", token);
        Assert.Contains("Bekräfta att utföraren ska inaktiveras.", await unconfirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var deactivated = await UiSession.PostFormAsync(browser, edit + "?handler=Deactivate", token, ("Deactivation.Confirmed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        var list = await (await browser.GetAsync("/kansli/utforare", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<th scope=\"row\">Activa Skaraborg</th>", list, StringComparison.Ordinal);
        Assert.Contains("Inaktiv</span>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("rapport@activa.test", list, StringComparison.Ordinal);

        // The intervention form no longer offers it.
        var newIntervention = await (await browser.GetAsync("/kansli/insatser/ny", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Activa Skaraborg", newIntervention, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPages_ShowNamesAndSelectLists_NeverNumbers()
    {
        var association = await Data.AssociationAsync("Samordningsförbundet Centrala Östergötland");
        var provider = await Data.ProviderAsync(association.Id, "Jobbcentrum Linköping");
        var other = await Data.AssociationAsync("Finsam Älvsborg");
        await Data.ProviderAsync(other.Id, "Annat förbunds utförare");
        await Factory.CreateUserAsync(UserRole.Coach, association.Id, provider.Id);

        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, association.Id, null);
        var officeList = await (await office.GetAsync("/kansli/anvandare", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<td>Jobbcentrum Linköping</td>", officeList, StringComparison.Ordinal);
        Assert.DoesNotContain("Utförare nr", officeList, StringComparison.Ordinal);
        var officeForm = await (await office.GetAsync("/kansli/anvandare/ny", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<option value=\"{provider.Id}\">Jobbcentrum Linköping</option>", officeForm, StringComparison.Ordinal);
        Assert.DoesNotContain("Annat förbunds utförare", officeForm, StringComparison.Ordinal);

        using var admin = await UiSession.SignInAsync(Factory, UserRole.SystemAdmin, null, null);
        var adminList = await (await admin.GetAsync("/kansli/anvandare", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<td>Samordningsförbundet Centrala Östergötland</td>", adminList, StringComparison.Ordinal);
        Assert.Contains("<td>Jobbcentrum Linköping</td>", adminList, StringComparison.Ordinal);
        Assert.DoesNotContain(" nr ", adminList, StringComparison.Ordinal);
        var adminForm = await (await admin.GetAsync("/kansli/anvandare/ny", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<option value=\"{association.Id}\">Samordningsförbundet Centrala Östergötland</option>", adminForm, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=\"Finsam Älvsborg\">", adminForm, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{provider.Id}\">Jobbcentrum Linköping</option>", adminForm, StringComparison.Ordinal);
        Assert.DoesNotContain("inputmode=\"numeric\"", adminForm, StringComparison.Ordinal);
    }

    private sealed record OverviewDto(int Year, int Tertial, List<OverviewRowDto> Providers);

    private sealed record OverviewRowDto(ProviderDto Provider, List<OverviewInterventionDto> Interventions, List<string> Coaches, int OpenDataQualityItems);

    private sealed record OverviewInterventionDto(long Id, string Name);
}
