using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Visitor_SentToTheSignInPage_WrongPasswordGetsASwedishMessageTellingNothingPersonal()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/att-gora");
        Assert.Contains("/logga-in", page.Url, StringComparison.Ordinal);
        Assert.Equal("Logga in – Samordning Uppföljning", await page.TitleAsync());
        await CheckPageAsync(page, "logga-in");

        await page.GetByLabel("E-postadress").FillAsync("ingen@test.example");
        await page.GetByLabel("Lösenord").FillAsync("fel-losenord-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Fel e-postadress eller lösenord.");
        // The summary takes focus so a screen reader reads it first.
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("E-postadress").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Email-fel")).ToContainTextAsync("Ange e-postadress.");
        await Assertions.Expect(page.GetByLabel("E-postadress")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task SignIn_WithTheKeyboardAlone_ReachesTheContent()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        await Data.InterventionAsync(association.Id, provider.Id);
        var email = await Factory.CreateUserAsync(UserRole.Coach, association.Id, provider.Id);
        var page = await NewPageAsync();
        await page.GotoAsync("/logga-in");

        // The first Tab reaches the skip link, which is then visible and moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Hoppa till innehållet" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("E-postadress")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Lösenord")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(ApiFactory.Password);
        await page.Keyboard.PressAsync("Enter");

        await ArrivedAsync(page, "/att-gora");
        await page.GotoAsync("/att-gora");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hoppa till innehållet" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        // After the skip link the next stop is inside the content (the first intervention's link), not the menu.
        var focused = await page.EvaluateAsync<string>(
            "() => document.querySelector('main').contains(document.activeElement) ? document.activeElement.textContent.trim() : ''");
        Assert.StartsWith("Skriv in deltagare", focused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coach_SignedIn_LandsOnAttGoraAndCanSignOut()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);

        Assert.EndsWith("/att-gora", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await ArrivedAsync(page, "/logga-in");
        await page.GotoAsync("/att-gora");
        Assert.Contains("/logga-in", page.Url, StringComparison.Ordinal);
    }
}
