using System.Net;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// Erasure on request in the browser (/radera-personuppgifter), reached from the participation
/// page's "Åtgärder som inte kan ångras": nothing is erased without the confirmation ticked, a
/// number the provider does not hold says so on the field, and the number never comes back in the page.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class ErasurePageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Page = "/radera-personuppgifter";

    private static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    [Fact]
    public async Task Erasure_NeedsTheConfirmation_RefusesAnUnknownNumber_ThenErasesEveryParticipationsIdentity()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(2);
        var first = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, TestDates.Start));
        using var client = await UiSession.SignInAsync(Factory, UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);

        // The participation page leads here, folded among the irreversible actions.
        var details = await BodyAsync(await client.GetAsync($"/deltaganden/{first.Id}", Ct));
        Assert.Contains("<summary>Radera personuppgifter på begäran</summary>", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", details, StringComparison.Ordinal);

        var token = await UiSession.FormTokenAsync(client, Page);
        using (var unconfirmed = await UiSession.PostFormAsync(client, Page, token, ("Erasure.PersonalIdentityNumber", pnr)))
        {
            var html = await BodyAsync(unconfirmed);
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            Assert.Contains("Bekräfta att personens uppgifter ska raderas. Det går inte att ångra.", html, StringComparison.Ordinal);
            Assert.DoesNotContain(pnr, html, StringComparison.Ordinal);
        }

        Assert.Null(await ErasedAtAsync(first.ParticipantId));

        // A number this provider does not hold: said on the field, in Swedish; nothing erased.
        var stranger = TestPersonnummer.Man(7);
        using (var unknown = await UiSession.PostFormAsync(client, Page, token,
                   ("Erasure.PersonalIdentityNumber", stranger), ("Erasure.Confirmed", "true")))
        {
            var html = await BodyAsync(unknown);
            Assert.Contains("Utföraren har inga uppgifter om personnumret (de kan redan vara raderade).", html, StringComparison.Ordinal);
            Assert.DoesNotContain(stranger, html, StringComparison.Ordinal);
        }

        // An empty number: "måste anges", as at intake.
        using (var empty = await UiSession.PostFormAsync(client, Page, token, ("Erasure.PersonalIdentityNumber", ""), ("Erasure.Confirmed", "true")))
        {
            Assert.Contains("Personnummer måste anges.", await BodyAsync(empty), StringComparison.Ordinal);
        }

        using (var erased = await UiSession.PostFormAsync(client, Page, token, ("Erasure.PersonalIdentityNumber", pnr), ("Erasure.Confirmed", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
            Assert.Equal(Page, erased.Headers.Location?.OriginalString);
        }

        var after = await BodyAsync(await client.GetAsync(Page, Ct));
        Assert.Contains("Personuppgifterna är raderade. 1 deltagande finns kvar utan personuppgifter, så statistiken ändras inte.", after, StringComparison.Ordinal);
        Assert.NotNull(await ErasedAtAsync(first.ParticipantId));
        var cipher = await Factory.WithDbAsync(db => db.Participants.Where(p => p.Id == first.ParticipantId).Select(p => p.IdentityCipher).SingleAsync(Ct));
        Assert.Null(cipher);
    }

    private Task<DateTime?> ErasedAtAsync(long participantId) =>
        Factory.WithDbAsync(db => db.Participants.Where(p => p.Id == participantId).Select(p => p.IdentityErasedAtUtc).SingleAsync(Ct));
}
