using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// A new coach account, end to end in the browser: the office creates it without a password,
/// the new coach chooses one through the e-mailed link, sees nothing until a colleague at the
/// provider confirms the account on "Konton", and then works as a coach.
/// </summary>
public sealed class AccountTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ChosenPassword = "Mitt-eget-losenord-7";

    [Fact]
    public async Task NewCoach_CreatedByTheOffice_ChoosesAPasswordAndIsLetInByTheProvider()
    {
        if (Fixture.Smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var association = await Data.AssociationAsync("Sjuhärads samordningsförbund");
        var provider = await Data.ProviderAsync(association.Id, "Arbetsmarknadsenheten Borås");
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(61), new DateOnly(2026, 5, 4)));
        var colleagueEmail = await Factory.CreateUserAsync(UserRole.Coach, association.Id, provider.Id);
        var email = $"ny.coach.{Guid.NewGuid():N}@boras.test";

        // The office: no password field, a link goes to the new user.
        var office = await SignInAsync(UserRole.AssociationAdmin, association.Id, null);
        await office.GotoAsync("/kansli/anvandare/ny");
        await Assertions.Expect(office.GetByLabel("Första lösenord")).ToHaveCountAsync(0);
        await FillAsync(office, "E-postadress", email);
        await FillAsync(office, "Namn", "Åsa Öberg");
        await SelectAsync(office, "Roll", "Deltagaransvarig");
        await SelectAsync(office, "Utförare", "Arbetsmarknadsenheten Borås");
        await ClickButtonAsync(office, "Skapa användare");
        await Assertions.Expect(office.Locator(".confirmation")).ToContainTextAsync("En länk för att välja lösenord har skickats");
        await Assertions.Expect(office.Locator(".confirmation")).ToContainTextAsync("först när utföraren har bekräftat det");

        // The new coach opens the link from the e-mail and chooses a password.
        var newcomer = await OpenPasswordLinkAsync(email);
        await FillAsync(newcomer, "Nytt lösenord", ChosenPassword);
        await FillAsync(newcomer, "Upprepa lösenordet", "Något-annat-losenord-7");
        await ClickButtonAsync(newcomer, "Spara lösenordet");
        await Assertions.Expect(newcomer.Locator("#Input_Repeat-fel, .field-error").First).ToContainTextAsync("Lösenorden är inte lika");
        await CheckPageAsync(newcomer, "valj-losenord-fel");
        await FillAsync(newcomer, "Nytt lösenord", ChosenPassword);
        await FillAsync(newcomer, "Upprepa lösenordet", ChosenPassword);
        await ClickButtonAsync(newcomer, "Spara lösenordet");
        await ArrivedAsync(newcomer, "/logga-in");
        await Assertions.Expect(newcomer.Locator(".confirmation")).ToContainTextAsync("Ditt lösenord är sparat");

        await SignInWithAsync(newcomer, email, ChosenPassword);
        var refused = await newcomer.GotoAsync("/att-gora");
        Assert.Equal(403, refused!.Status);

        // A colleague at the provider sees the account waiting and lets it in.
        var colleague = await SignInAsAsync(colleagueEmail);
        await ClickLinkAsync(colleague, "Konton");
        await Assertions.Expect(colleague.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Konton hos utföraren");
        await CheckPageAsync(colleague, "coach-konton");
        await ClickButtonAsync(colleague, "Bekräfta Åsa Öberg");
        await Assertions.Expect(colleague.Locator(".confirmation")).ToContainTextAsync("Åsa Öberg");
        await Assertions.Expect(colleague.GetByText("Inga konton väntar på bekräftelse.")).ToBeVisibleAsync();

        // Signed in again (a new session carries the confirmation), the new coach works.
        var confirmed = await NewPageAsync();
        await SignInWithAsync(confirmed, email, ChosenPassword);
        var opened = await confirmed.GotoAsync("/att-gora");
        Assert.Equal(200, opened!.Status);
    }
}
