using System.Net;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// The search box of every coach page (/sok): a personnummer goes through the audited HMAC search
/// in the POST body, a D-number opens the participation; another provider's person or
/// participation is "not found", and the typed number never comes back in the page.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class FindParticipantPageTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task SearchPage_HitMissOtherProviderAndDNumber_AuditedWithoutTheNumber()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id, "Annan utförare");
        var mine = await Data.InterventionAsync(association.Id, home.Id, Mode.Identified);
        var theirs = await Data.InterventionAsync(association.Id, other.Id, Mode.Identified);
        var pnr = TestPersonnummer.Woman(20);
        var elsewhere = TestPersonnummer.Man(20);
        var nobody = TestPersonnummer.Woman(21);
        var participation = await Data.ParticipationAsync(mine.Id, TestData.Identified(pnr));
        var foreign = await Data.ParticipationAsync(theirs.Id, TestData.Identified(elsewhere));
        using var browser = await UiSession.SignInAsync(Factory, UserRole.Coach, association.Id, home.Id);
        var token = await UiSession.FormTokenAsync(browser, "/att-gora"); // the header's search box
        async Task<HttpResponseMessage> Search(string typed) => await UiSession.PostFormAsync(browser, "/sok", token, ("sokning", typed));

        var hit = await (await Search(TestPersonnummer.WithDash(pnr))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var miss = await (await Search(nobody)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var otherProvider = await (await Search(elsewhere)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var byReference = await Search($"D-{participation.Id}");
        var foreignReference = await (await Search($"d{foreign.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var invalid = await (await Search("19900101-1234")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var hitPage = await hit.Content.ReadAsStringAsync(Ct);
        Assert.Contains("1 deltagande hittades för personnumret.", hitPage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/deltaganden/{participation.Id}\">D-{participation.Id}</a>", hitPage, StringComparison.Ordinal);
        Assert.Contains(TestPersonnummer.Masked(pnr), hitPage, StringComparison.Ordinal);
        var missPage = await miss.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ingen deltagare hittades för personnumret hos din utförare.", missPage, StringComparison.Ordinal);
        Assert.Equal(Results(missPage), Results(await otherProvider.Content.ReadAsStringAsync(Ct)));
        Assert.Equal((HttpStatusCode.Redirect, $"/deltaganden/{participation.Id}"), (byReference.StatusCode, byReference.Headers.Location?.ToString()));
        Assert.Contains($"Ingen deltagare hittades för D-{foreign.Id} hos din utförare.", await foreignReference.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("field-error", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        foreach (var page in new[] { hitPage, missPage, await otherProvider.Content.ReadAsStringAsync(Ct) })
        {
            Assert.Empty(PersonnummerForms.FoundIn(page, [pnr, elsewhere, nobody]));
        }

        // Audited with and without a hit, as the API's search: three personnummer searches, no D-number.
        var lines = (await Office.AuditAsync("?action=IdentitySearch")).Items;
        Assert.Equal(["Ingen träff", "Ingen träff", "1 deltaganden"], lines.Select(l => l.Detail));
    }

    /// <summary>The part of the page under "Resultat": the same for a person nobody has and one only another provider has.</summary>
    private static string Results(string page) => page[page.IndexOf("<h2 id=\"traffar\"", StringComparison.Ordinal)..];
}
