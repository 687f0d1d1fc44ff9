using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// A new förbund from nothing, entirely in the browser: the administrator's guided setup (association →
/// first office user → providers), the office user's own password from the e-mailed link, a coach created
/// by the office (with its own password), an intervention with its plan, and the coach's first participant.
/// Every page is axe-checked; the setup's pages are kept as screenshots (docs/screenshots/setup-*.png).
/// </summary>
public sealed class AssociationSetupBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Association = "Samordningsförbundet Södra Vätterbygden";
    private const string Provider = "Arbetsmarknadsenheten Jönköping";
    private const string Intervention = "Steget vidare Jönköping";

    [Fact]
    public async Task NewAssociation_SetUpInTheBrowser_RunsUntilTheFirstParticipant()
    {
        if (Fixture.Smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        // Unique per run: the test SMTP server's maildir outlives a run.
        var officeEmail = $"karin.ohman.{Guid.NewGuid().ToString("N")[..6]}@vatterbygden.test";
        var coachEmail = $"ali.hassan.{Guid.NewGuid().ToString("N")[..6]}@jonkoping.test";

        // The administrator: the association list, then the guided setup.
        var admin = await SignInAsync(UserRole.SystemAdmin, null, null);
        await ClickLinkAsync(admin, "Förbund");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Förbund");
        await CheckPageAsync(admin, "setup-0-forbund-tom");
        await ClickLinkAsync(admin, "Sätt upp ett nytt förbund");

        // Step 1: the association; an empty name is refused next to the field, in Swedish.
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sätt upp ett nytt förbund");
        await ClickButtonAsync(admin, "Skapa förbundet och fortsätt");
        await Assertions.Expect(admin.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(admin.Locator("#Input_Name-fel")).ToContainTextAsync("Namn måste anges.");
        await CheckPageAsync(admin, "setup-1-forbund-fel");
        await FillAsync(admin, "Förbundets namn", Association);
        await FillAsync(admin, "Organisationsnummer (valfritt)", "222000-1354");
        await FillAsync(admin, "Kansliets gemensamma e-postadress (valfritt)", "kansli@vatterbygden.test");
        await CheckPageAsync(admin, "setup-1-forbund");
        await ClickButtonAsync(admin, "Skapa förbundet och fortsätt");

        // Step 2: the first office user.
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/kansli/forbund/[0-9]+/kansli$"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Kansliets användare: {Association}");
        await Assertions.Expect(admin.Locator(".confirmation")).ToContainTextAsync($"Förbundet {Association} är skapat");
        await FillAsync(admin, "Namn", "Karin Öhman");
        await FillAsync(admin, "E-postadress", officeEmail);
        await CheckPageAsync(admin, "setup-2-kansli");
        await ClickButtonAsync(admin, "Skapa användaren och skicka länken");

        // Step 3: two providers.
        await ArrivedAsync(admin, "/utforare");
        await Assertions.Expect(admin.Locator(".confirmation")).ToContainTextAsync("En länk för att välja lösenord har skickats");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Utförare: {Association}");
        await CheckPageAsync(admin, "setup-3-utforare-tom");
        foreach (var (name, email) in new[] { (Provider, "rapport@jonkoping.test"), ("Activa Vetlanda", "rapport@vetlanda.test") })
        {
            await FillAsync(admin, "Namn", name);
            await FillAsync(admin, "Kontaktadress för påminnelser (valfritt)", email);
            await ClickButtonAsync(admin, "Lägg till utföraren");
            await Assertions.Expect(admin.Locator(".confirmation")).ToContainTextAsync($"Utföraren {name} är tillagd.");
        }

        await Assertions.Expect(admin.Locator("#utforare-tabell")).ToContainTextAsync("Activa Vetlanda");
        await CheckPageAsync(admin, "setup-3-utforare");
        await ClickLinkAsync(admin, "Klar med utförarna");

        // Done: what happens next.
        await ArrivedAsync(admin, "/klart");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Förbundet är uppsatt: {Association}");
        await Assertions.Expect(admin.Locator("#vad-hander-nu")).ToContainTextAsync("väljer själv sitt lösenord");
        await CheckPageAsync(admin, "setup-4-klart");
        await ClickLinkAsync(admin, "Till alla förbund");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = Association })).ToContainTextAsync("Klar");
        await CheckPageAsync(admin, "setup-5-forbund");

        // The setup's pages on a phone: nothing wider than the screen, still accessible.
        await admin.SetViewportSizeAsync(390, 844);
        var id = await Factory.WithDbAsync(db => db.Associations.Select(a => a.Id).SingleAsync(Ct));
        foreach (var (path, name) in new[]
        {
            ("/kansli/forbund", "setup-5-forbund-390"),
            ("/kansli/forbund/nytt", "setup-1-forbund-390"),
            ($"/kansli/forbund/{id}/kansli", "setup-2-kansli-390"),
            ($"/kansli/forbund/{id}/utforare", "setup-3-utforare-390"),
            ($"/kansli/forbund/{id}/klart", "setup-4-klart-390"),
        })
        {
            await admin.GotoAsync(path);
            await AssertFitsTheScreenAsync(admin);
            await CheckPageAsync(admin, name);
        }

        // The office user chooses a password from the e-mailed link (nobody else knows it) and signs in.
        var office = await ChoosePasswordFromMailAsync(officeEmail, "Karins-eget-losenord-1");
        await ArrivedAsync(office, "/kansli/insatser");

        // The office creates a coach of the first provider; the coach chooses a password the same way.
        await ClickLinkAsync(office, "Användare");
        await ClickLinkAsync(office, "Ny användare");
        await FillAsync(office, "E-postadress", coachEmail);
        await FillAsync(office, "Namn", "Ali Hassan");
        await SelectAsync(office, "Roll", "Deltagaransvarig");
        await SelectAsync(office, "Utförare", Provider);
        await CheckPageAsync(office, "setup-6-kansli-ny-deltagaransvarig");
        await ClickButtonAsync(office, "Skapa användare");
        await Assertions.Expect(office.Locator(".confirmation")).ToContainTextAsync("En länk för att välja lösenord har skickats");

        // The office creates an intervention of that provider and sets its plan.
        await ClickLinkAsync(office, "Insatser");
        await ClickLinkAsync(office, "Ny insats");
        await FillAsync(office, "Namn på insatsen", Intervention);
        await SelectAsync(office, "Utförare", Provider);
        await SelectAsync(office, "Inriktning", "Individinriktad");
        await SelectAsync(office, "Preciserad inriktning", "Förberedande");
        await SelectAsync(office, "Registrering", "Personuppgifter med samtycke");
        await FillAsync(office, "Kommuner", "Jönköping");
        await FillAsync(office, "Startdatum", "2026-09-01");
        await CheckPageAsync(office, "setup-7-kansli-ny-insats");
        await ClickButtonAsync(office, "Skapa insats");
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Insats: {Intervention}");
        await SelectAsync(office, "År", "2026");
        await FillAsync(office, "Planerat antal deltagare", "20");
        await FillAsync(office, "Budget (kronor)", "1 500 000");
        await ClickButtonAsync(office, "Spara plan");
        await Assertions.Expect(office.Locator(".confirmation")).ToContainTextAsync("Planen för 2026 är sparad.");
        await Assertions.Expect(office.Locator("main")).ToContainTextAsync("1 500 000");
        await CheckPageAsync(office, "setup-8-kansli-insats-plan");

        // The coach: its own password, then the first participant (a Skatteverket test personnummer).
        var coach = await ChoosePasswordFromMailAsync(coachEmail, "Alis-eget-losenord-2");
        await ArrivedAsync(coach, "/att-gora");
        await ClickLinkAsync(coach, $"Skriv in deltagare i {Intervention}");
        await Assertions.Expect(coach.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Inskrivning: {Intervention}");
        var personnummer = TestPersonnummer.Woman(77);
        await FillAsync(coach, "Personnummer", TestPersonnummer.WithDash(personnummer));
        await FillAsync(coach, "Samtyckestextens version", "2026-01");
        await FillAsync(coach, "Startdatum", "2026-11-02");
        await FillAsync(coach, "Hemkommun", "Jönköping");
        await SelectAsync(coach, "Anvisad av", "Arbetsförmedlingen");
        await SelectAsync(coach, "Utbildningsnivå", "Gymnasium");
        await SelectAsync(coach, "Tid i offentlig försörjning", "1–2 år");
        await SelectAsync(coach, "Sysselsättning vid start", "Aktivt arbetssökande");
        await CheckPageAsync(coach, "setup-9-coach-inskrivning");
        await ClickButtonAsync(coach, "Skriv in deltagaren");
        await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToContainTextAsync("Deltagaren är inskriven som D-");
        await Assertions.Expect(coach.Locator("main")).ToContainTextAsync(TestPersonnummer.Masked(personnummer));
        await CheckPageAsync(coach, "setup-10-coach-forsta-deltagaren");

        // What the browser did is what the database holds: one association, set up once each.
        var (associations, providers, users, participations) = await Factory.WithDbAsync(async db => (
            await db.Associations.CountAsync(Ct), await db.Providers.CountAsync(Ct),
            await db.Users.Where(u => u.Role != UserRole.SystemAdmin).Select(u => u.Email).OrderBy(e => e).ToListAsync(Ct),
            await db.Participations.CountAsync(Ct)));
        Assert.Equal((1, 2, 1), (associations, providers, participations));
        Assert.Equal(new[] { coachEmail, officeEmail }.Order(StringComparer.Ordinal), users);
    }

    /// <summary>The account's e-mailed link opened, a password chosen, and a sign-in with it.</summary>
    private async Task<IPage> ChoosePasswordFromMailAsync(string email, string password)
    {
        var page = await OpenPasswordLinkAsync(email);
        await AssertAccessibleAsync(page);
        await FillAsync(page, "Nytt lösenord", password);
        await FillAsync(page, "Upprepa lösenordet", password);
        await ClickButtonAsync(page, "Spara lösenordet");
        await ArrivedAsync(page, "/logga-in");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("Ditt lösenord är sparat");
        await SignInWithAsync(page, email, password);
        await AssertAccessibleAsync(page);
        return page;
    }
}
