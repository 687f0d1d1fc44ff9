using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Associations;

/// <summary>
/// The administrator sets up a new association in the guided flow (association → first office user →
/// providers → summary): each step through the same commands as the API, Swedish field messages,
/// nothing created twice by a repeated post, and the association list saying what is still missing.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class AssociationSetupTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Name = "Samordningsförbundet Östra Södertörn";

    public sealed record OverviewDto(
        long Id, string Name, int OfficeUsers, int BoardMembers, int ActiveProviders, int Coaches, int Interventions, string? NextStep, List<string> Missing);

    [Fact]
    public async Task GuidedSetup_EachStepOnce_RepeatedPostsCreateNothing_TheListSaysWhatIsMissing()
    {
        using var admin = await UiSession.SignInAsync(Factory, UserRole.SystemAdmin, null, null);

        // Step 1: the association, with Swedish messages on its fields.
        var token = await UiSession.FormTokenAsync(admin, "/kansli/forbund/nytt");
        using (var invalid = await UiSession.PostFormAsync(admin, "/kansli/forbund/nytt", token,
            ("Input.Name", " "), ("Input.OrganisationNumber", "123"), ("Input.SmallNumberThreshold", "fem")))
        {
            var page = await invalid.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            Assert.Contains("Ange ett heltal utan decimaler", page, StringComparison.Ordinal);
        }

        using (var invalid = await UiSession.PostFormAsync(admin, "/kansli/forbund/nytt", token,
            ("Input.Name", " "), ("Input.OrganisationNumber", "123"), ("Input.SmallNumberThreshold", "5")))
        {
            var page = await invalid.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Namn måste anges.", page, StringComparison.Ordinal);
            Assert.Contains("Organisationsnumret ska skrivas NNNNNN-NNNN och ha rätt kontrollsiffra.", page, StringComparison.Ordinal);
        }

        var fields = new[] { ("Input.Name", Name), ("Input.OrganisationNumber", "222000-1354"), ("Input.ContactEmail", "kansli@sodertorn.test"), ("Input.SmallNumberThreshold", "5") };
        using var created = await UiSession.PostFormAsync(admin, "/kansli/forbund/nytt", token, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await Factory.WithDbAsync(db => db.Associations.Where(a => a.Name == Name).Select(a => a.Id).SingleAsync(Ct));
        Assert.Equal($"/kansli/forbund/{id}/kansli", created.Headers.Location!.OriginalString);

        // The same form again (a double click): nothing new, and the way on to the association that exists.
        using (var again = await UiSession.PostFormAsync(admin, "/kansli/forbund/nytt", token, fields))
        {
            var page = await again.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"Förbundet {Name} finns redan. Inget nytt förbund skapades.", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/kansli/forbund/{id}/kansli\"", page, StringComparison.Ordinal);
        }

        Assert.Equal(1, await Factory.WithDbAsync(db => db.Associations.CountAsync(Ct)));

        // The admin leaves: the list says what is missing and leads back into the flow.
        var list = await (await admin.GetAsync("/kansli/forbund", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Saknar kansliets användare och utförare", list, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/kansli/forbund/{id}/kansli\">Fortsätt installationen", list, StringComparison.Ordinal);

        // Step 2: the first office user; created without a password (a link is e-mailed).
        var office = $"/kansli/forbund/{id}/kansli";
        token = await UiSession.FormTokenAsync(admin, office);
        using (var invalid = await UiSession.PostFormAsync(admin, office, token, ("Input.DisplayName", ""), ("Input.Email", "inte-en-adress")))
        {
            var page = await invalid.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Namn måste anges.", page, StringComparison.Ordinal);
            Assert.Contains("E-postadressen är inte giltig.", page, StringComparison.Ordinal);
        }

        var officeFields = new[] { ("Input.DisplayName", "Åsa Lindqvist"), ("Input.Email", "asa.lindqvist@sodertorn.test") };
        for (var i = 0; i < 2; i++)
        {
            using var step = await UiSession.PostFormAsync(admin, office, token, officeFields);
            Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
            Assert.Equal($"/kansli/forbund/{id}/utforare", step.Headers.Location!.OriginalString);
        }

        var officeUser = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.AssociationId == id, Ct));
        Assert.Equal((UserRole.AssociationAdmin, "Åsa Lindqvist", (long?)null), (officeUser.Role, officeUser.DisplayName, officeUser.ProviderId));
        Assert.Null(officeUser.PasswordHash);
        list = await (await admin.GetAsync("/kansli/forbund", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Saknar utförare", list, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/kansli/forbund/{id}/utforare\">Fortsätt installationen", list, StringComparison.Ordinal);

        // Step 3: providers, one or more; the same one twice is one.
        var providers = $"/kansli/forbund/{id}/utforare";
        token = await UiSession.FormTokenAsync(admin, providers);
        using (var invalid = await UiSession.PostFormAsync(admin, providers, token, ("Input.Name", ""), ("Input.ContactEmail", "fel")))
        {
            var page = await invalid.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Namn måste anges.", page, StringComparison.Ordinal);
            Assert.Contains("E-postadressen är inte giltig.", page, StringComparison.Ordinal);
        }

        foreach (var provider in new[] { "Arbetsmarknadsenheten Haninge", "Arbetsmarknadsenheten Haninge", "Activa Nynäshamn" })
        {
            using var step = await UiSession.PostFormAsync(admin, providers, token, ("Input.Name", provider), ("Input.ContactEmail", "rapport@haninge.test"));
            Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        }

        var names = await Factory.WithDbAsync(db => db.Providers.Where(p => p.AssociationId == id).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(Ct));
        Assert.Equal(["Activa Nynäshamn", "Arbetsmarknadsenheten Haninge"], names);
        var stepPage = await (await admin.GetAsync(providers, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Utföraren Activa Nynäshamn är tillagd.", stepPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/kansli/forbund/{id}/klart\"", stepPage, StringComparison.Ordinal);

        // Done: what there is and what happens next; the list says the association is set up.
        var done = await (await admin.GetAsync($"/kansli/forbund/{id}/klart", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Förbundet är uppsatt: {Name}", done, StringComparison.Ordinal);
        Assert.Contains("Åsa Lindqvist (asa.lindqvist@sodertorn.test) – har inte valt lösenord ännu", done, StringComparison.Ordinal);
        Assert.Contains("Activa Nynäshamn, Arbetsmarknadsenheten Haninge", done, StringComparison.Ordinal);
        Assert.Contains("väljer själv sitt lösenord", done, StringComparison.Ordinal);
        list = await (await admin.GetAsync("/kansli/forbund", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<span class=\"status ok\">Klar</span>", list, StringComparison.Ordinal);

        // Every step left its audit line, by the administrator.
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.AssociationId == id && a.Action == AuditAction.Create)
            .Select(a => new { a.EntityType, a.Role }).ToListAsync(Ct));
        Assert.Equal(["Association", "Provider", "Provider", "User"], audit.Select(a => a.EntityType).Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal(UserRole.SystemAdmin, a.Role));
    }

    [Fact]
    public async Task Overview_CountsPerAssociation_AndTheNextStep()
    {
        var ready = await Data.AssociationAsync("Finsam Älvsborg");
        var provider = await Data.ProviderAsync(ready.Id);
        await Data.InterventionAsync(ready.Id, provider.Id);
        await Factory.CreateUserAsync(UserRole.Coach, ready.Id, provider.Id);
        await Factory.CreateUserAsync(UserRole.BoardMember, ready.Id, null);
        _ = Users.OfficeOf(ready.Id); // signs in on first use below
        await (await Users.OfficeOf(ready.Id).GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var bare = await (await Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = "Samordningsförbundet Ny" }))
            .ShouldBeAsync<AssociationDto>(HttpStatusCode.Created);

        var rows = await (await Admin.GetAsync("/api/v1/associations/overview")).ShouldBeAsync<List<OverviewDto>>(HttpStatusCode.OK);

        var first = Assert.Single(rows, r => r.Id == ready.Id);
        Assert.Equal((1, 1, 1, 1, 1), (first.OfficeUsers, first.BoardMembers, first.ActiveProviders, first.Coaches, first.Interventions));
        Assert.Null(first.NextStep);
        Assert.Empty(first.Missing);
        var second = Assert.Single(rows, r => r.Id == bare.Id);
        Assert.Equal((0, 0, 0, 0, 0), (second.OfficeUsers, second.BoardMembers, second.ActiveProviders, second.Coaches, second.Interventions));
        Assert.Equal("OfficeUser", second.NextStep);
        Assert.Equal(["kansliets användare", "utförare"], second.Missing);
    }

    [Fact]
    public async Task CreateProvider_ByTheAdministrator_IsCreatedAndAudited()
    {
        var association = await (await Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = "Samordningsförbundet Ny" }))
            .ShouldBeAsync<AssociationDto>(HttpStatusCode.Created);

        var provider = await (await Admin.PostAsync($"/api/v1/associations/{association.Id}/providers", new JsonObject { ["name"] = "Navet" }))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.Created);
        await (await Admin.PostAsync($"/api/v1/associations/{association.Id}/providers", new JsonObject { ["name"] = "Navet" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "name");
        await (await Admin.PostAsync("/api/v1/associations/999999/providers", new JsonObject { ["name"] = "Navet" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var listed = Assert.Single(await (await Admin.GetAsync($"/api/v1/associations/{association.Id}/providers")).ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK));
        Assert.Equal(provider, listed);
        // Providers beyond creating stay the office's: the administrator does not rename or deactivate them.
        await (await Admin.PostAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}/deactivate", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SetupPages_UnknownAssociation_Return404()
    {
        using var admin = await UiSession.SignInAsync(Factory, UserRole.SystemAdmin, null, null);
        foreach (var step in new[] { "kansli", "utforare", "klart" })
        {
            using var response = await admin.GetAsync($"/kansli/forbund/999999/{step}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
