using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Providers;

/// <summary>A provider over its life: every change audited, deactivated and taken back into use, never deleted.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class ProviderLifecycleTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateRenameDeactivateReactivate_EachWritesOneAuditLine_RepeatsWriteNone()
    {
        var association = await Data.AssociationAsync();
        var path = $"/api/v1/associations/{association.Id}/providers";
        var provider = await (await Office.PostAsync(path, new JsonObject { ["name"] = "Arbetsmarknadsenheten" }))
            .ShouldBeAsync<ProviderDto>(HttpStatusCode.Created);

        var rename = new JsonObject { ["name"] = "Arbetsmarknadsenheten Borås", ["contactEmail"] = "rapport@boras.test" };
        await (await Office.PutAsync($"{path}/{provider.Id}", rename)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        // The same values again: nothing changed, no line.
        await (await Office.PutAsync($"{path}/{provider.Id}", rename.DeepClone())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            await (await Office.PostAsync($"{path}/{provider.Id}/deactivate", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        for (var i = 0; i < 2; i++)
        {
            var reactivated = await (await Office.PostAsync($"{path}/{provider.Id}/reactivate", new JsonObject()))
                .ShouldBeAsync<ProviderDto>(HttpStatusCode.OK);
            Assert.True(reactivated.IsActive);
        }

        var lines = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Provider").OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal([AuditAction.Create, AuditAction.Updated, AuditAction.Deactivated, AuditAction.Reactivated], lines.Select(l => l.Action));
        Assert.All(lines, l =>
        {
            Assert.Equal(provider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), l.EntityId);
            Assert.Equal(association.Id, l.AssociationId);
            Assert.Equal(UserRole.AssociationAdmin, l.Role);
        });
        Assert.Equal("Utförare: Arbetsmarknadsenheten", lines[0].Detail);
        Assert.Equal("Utförare: Arbetsmarknadsenheten Borås; ändrat namn: Arbetsmarknadsenheten → Arbetsmarknadsenheten Borås, kontaktadress för påminnelser", lines[1].Detail);

        // The office reads them in its audit log, in Swedish.
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, association.Id, null);
        var log = await (await browser.GetAsync("/kansli/logg?typ=Provider", Ct)).Content.ReadAsStringAsync(Ct);
        var body = log[log.IndexOf("<tbody>", StringComparison.Ordinal)..];
        foreach (var action in new[] { "Skapade", "Ändrade", "Inaktiverade", "Återaktiverade" })
        {
            Assert.Contains($"<td data-label=\"Åtgärd\">{action}</td>", body, StringComparison.Ordinal);
        }

        Assert.Contains("<td data-label=\"Typ\">Utförare</td>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reactivate_DeactivatedProvider_TakesNewInterventionsAgain()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var path = $"/api/v1/associations/{association.Id}/providers/{provider.Id}";
        await (await Office.PostAsync($"{path}/deactivate", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var intervention = TestData.Intervention(provider.Id, Mode.Identified, TestDates.InterventionStart, TestDates.InterventionEnd);
        await (await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", intervention))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "providerId");

        await (await Office.PostAsync($"{path}/reactivate", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", intervention.DeepClone()))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reactivate_OtherAssociationsProvider_Returns404_AndTheBoardMayNot()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        var far = await Data.ProviderAsync(other.Id);
        await (await Users.OfficeOf(other.Id).PostAsync($"/api/v1/associations/{other.Id}/providers/{far.Id}/deactivate", new JsonObject()))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PostAsync($"/api/v1/associations/{home.Id}/providers/{far.Id}/reactivate", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.PostAsync($"/api/v1/associations/{other.Id}/providers/{far.Id}/reactivate", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Users.BoardOf(other.Id).PostAsync($"/api/v1/associations/{other.Id}/providers/{far.Id}/reactivate", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.NotNull(await Factory.WithDbAsync(db => db.Providers.Where(p => p.Id == far.Id).Select(p => p.DeactivatedAtUtc).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Delete_NoEndpoint_AndTheDatabaseRefusesAProviderWithData()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        await Data.InterventionAsync(association.Id, provider.Id);

        // The API has no way to delete a provider.
        using (var delete = await Office.DeleteAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        }

        // Underneath, the database itself keeps a provider that interventions point at.
        var refused = await Factory.WithDbAsync(async db =>
        {
            db.Providers.Remove(await db.Providers.SingleAsync(p => p.Id == provider.Id, Ct));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        });
        Assert.NotNull(refused);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Providers.CountAsync(p => p.Id == provider.Id, Ct)));
    }

    [Fact]
    public async Task ReactivatePage_InactiveProvider_OfficeTakesItBack()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Navet Sjuhärad");
        await (await Office.PostAsync($"/api/v1/associations/{association.Id}/providers/{provider.Id}/deactivate", new JsonObject()))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, association.Id, null);
        var edit = $"/kansli/utforare/{provider.Id}";

        var token = await UiSession.FormTokenAsync(browser, edit);
        var before = await (await browser.GetAsync(edit, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Återaktivera utföraren", before, StringComparison.Ordinal);
        using var reactivated = await UiSession.PostFormAsync(browser, edit + "?handler=Reactivate", token);
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        var after = await (await browser.GetAsync(edit, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Navet Sjuhärad är aktiv igen", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Återaktivera utföraren", after, StringComparison.Ordinal);
        Assert.Contains("Inaktivera utföraren", after, StringComparison.Ordinal);
    }
}
