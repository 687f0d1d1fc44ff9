using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>A coach at a provider, from intake to the 12-month follow-up, in the browser.</summary>
public sealed partial class CoachTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task IdentifiedParticipant_RegisteredCorrectedAndExited_FollowUpRecordedAYearLater()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var personnummer = TestPersonnummer.Woman(3);

        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Att göra", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Att göra – Samordning Uppföljning");
        await CheckPageAsync(page, "coach-att-gora-tom");

        // Intake: the form follows the intervention's mode (personnummer and consent).
        await ClickLinkAsync(page, $"Skriv in deltagare i {intervention.Name}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Inskrivning: {intervention.Name}");
        await Assertions.Expect(page.GetByLabel("Datum för samtycket")).ToHaveValueAsync("2026-11-23");
        await CheckPageAsync(page, "coach-inskrivning-personnummer");

        // A mistyped check digit: the service says so as you type, and again next to the field on submit.
        await FillAsync(page, "Personnummer", TestPersonnummer.WithWrongCheckDigit(personnummer));
        await Assertions.Expect(page.Locator("#pnr-check")).ToHaveTextAsync("Personnumret eller samordningsnumret är inte giltigt. Kontrollera datumet och kontrollsiffran.");
        await FillAsync(page, "Samtyckestextens version", "2026-01");
        await FillStartSituationAsync(page, new StartSituation("2026-03-02", "Borås", "Försäkringskassan", "Gymnasium", "6–12 månader", "Arbete med stöd"));
        await page.GetByLabel("Sjukpenning").CheckAsync();
        await ClickButtonAsync(page, "Skriv in deltagaren");

        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#Input_PersonalIdentityNumber-fel")).ToContainTextAsync("Personnumret eller samordningsnumret är inte giltigt.");
        await Assertions.Expect(page.GetByLabel("Personnummer", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        // What was typed elsewhere is kept.
        await Assertions.Expect(page.GetByLabel("Hemkommun")).ToHaveValueAsync("Borås");
        await Assertions.Expect(page.GetByLabel("Sjukpenning")).ToBeCheckedAsync();
        await AssertAccessibleAsync(page);

        await FillAsync(page, "Personnummer", TestPersonnummer.WithDash(personnummer));
        await Assertions.Expect(page.Locator("#pnr-check")).ToHaveTextAsync(new Regex("^Giltigt personnummer: född \\d{4}, kvinna\\.$"));
        await ClickButtonAsync(page, "Skriv in deltagaren");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deltagaren är inskriven som D-");
        var reference = ReferencePattern().Match(await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Value;
        Assert.StartsWith("D-", reference, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(TestPersonnummer.Masked(personnummer));
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(personnummer[8..]);
        // Never in the address bar.
        Assert.DoesNotContain(personnummer[2..8], page.Url, StringComparison.Ordinal);
        await CheckPageAsync(page, "coach-deltagare");

        // A correction: the whole start situation comes back, the personnummer too (a logged read).
        await ClickLinkAsync(page, "Rätta uppgifter vid inskrivning");
        await Assertions.Expect(page.GetByLabel("Personnummer", new() { Exact = true })).ToHaveValueAsync(TestPersonnummer.WithDash(personnummer));
        await Assertions.Expect(page.GetByLabel("Sjukpenning")).ToBeCheckedAsync();
        await CheckPageAsync(page, "coach-rattelse");
        await FillAsync(page, "Hemkommun", "Mark");
        await ClickButtonAsync(page, "Spara rättelsen");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Uppgifterna vid inskrivning är rättade.");
        await Assertions.Expect(page.Locator("dl").First).ToContainTextAsync("Mark");

        // Exit.
        await ClickLinkAsync(page, "Registrera avslut");
        await FillAsync(page, "Slutdatum", "2026-06-30");
        await SelectAsync(page, "Orsak till avslut", "Planenligt avslut");
        await SelectAsync(page, "Sysselsättning efter avslut", "Arbete utan stöd");
        await FillAsync(page, "Omfattning i procent", "75");
        await page.GetByLabel("Lön").CheckAsync();
        await FillAsync(page, "Steg på stegtrappan vid avslut, 1–5", "5");
        await CheckPageAsync(page, "coach-avslut");
        await ClickButtonAsync(page, "Registrera avslut");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Avslutet är registrerat.");
        await Assertions.Expect(page.Locator("dl").Nth(1)).ToContainTextAsync("2026-06-30");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Arbete utan stöd, 75 %");

        // A year later: the scheduler has run and the follow-up is due.
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 15, 8, 0, 0, TimeSpan.Zero));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        page = await SignInAsAsync(LastSignedIn);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("2027-06-30");
        await Assertions.Expect(row).ToContainTextAsync("Dags att följa upp");
        await CheckPageAsync(page, "coach-att-gora");

        await row.GetByRole(AriaRole.Link, new() { Name = $"Registrera uppföljning för {reference}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Uppföljning efter 12 månader: deltagare {reference}");
        await ClickButtonAsync(page, "Registrera uppföljningen");
        await Assertions.Expect(page.Locator("#Input_Outcome-fel")).ToContainTextAsync("Utfall måste anges");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Nådd").CheckAsync();
        await SelectAsync(page, "Sysselsättning", "Arbete utan stöd");
        await FillAsync(page, "Omfattning i procent", "100");
        await page.GetByLabel("Lön").CheckAsync();
        await CheckPageAsync(page, "coach-uppfoljning");
        await ClickButtonAsync(page, "Registrera uppföljningen");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Uppföljningen av {reference} är registrerad.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uppföljningar efter 12 månader (0)" })).ToBeVisibleAsync();
        var recorded = await Factory.WithDbAsync(db => db.TwelveMonthFollowUps.Include(f => f.Result).SingleAsync(Ct));
        Assert.Equal(FollowUpStatus.Completed, recorded.Status);
        Assert.Equal(FollowUpOutcome.Reached, recorded.Result!.Outcome);
        Assert.Equal(Occupation.Employed, recorded.Result.Occupation);

        // The person withdraws consent: the number is erased, the participation stays.
        await ClickLinkAsync(page, "Insatser och deltagare");
        await ClickLinkAsync(page, $"Deltagare i {intervention.Name}");
        await ClickLinkAsync(page, reference);
        // Irreversible: at the bottom, folded, and refused until the coach confirms.
        await page.Locator("summary", new() { HasText = "Återkalla samtycket" }).ClickAsync();
        await ClickButtonAsync(page, "Återkalla samtycket");
        await Assertions.Expect(page.Locator("#Withdrawal_Confirmed-fel")).ToContainTextAsync("Bekräfta att personnumret ska raderas.");
        Assert.NotNull(await Factory.WithDbAsync(db => db.Participants.Select(p => p.IdentityCipher).SingleAsync(Ct)));
        await AssertAccessibleAsync(page);
        await page.GetByLabel($"Jag bekräftar att personnumret för {reference} ska raderas").CheckAsync();
        await ClickButtonAsync(page, "Återkalla samtycket");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Samtycket är återkallat.");
        await Assertions.Expect(page.Locator("dl").First).ToContainTextAsync("Raderat");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(TestPersonnummer.Masked(personnummer));
        Assert.Null(await Factory.WithDbAsync(db => db.Participants.Select(p => p.IdentityCipher).SingleAsync(Ct)));
    }

    [Fact]
    public async Task AnonymousParticipantAndCountOnlyYear_RegisteredByACoach_AreSaved()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var anonymous = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        var countOnly = await Data.InterventionAsync(association.Id, provider.Id, Mode.CountOnly);
        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);

        // Anonymous: gender and birth year instead of personnummer and consent.
        await page.GotoAsync($"/insatser/{anonymous.Id}/inskrivning");
        await Assertions.Expect(page.GetByLabel("Personnummer", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Datum för samtycket")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "coach-inskrivning-anonym");
        await SelectAsync(page, "Kön", "Man");
        await FillAsync(page, "Födelseår", "2031");
        await FillStartSituationAsync(page, new StartSituation("2026-09-01", "Mark", "Arbetsförmedlingen", "Grundskola", "Ingen", "Studier"));
        await ClickButtonAsync(page, "Skriv in deltagaren");
        await Assertions.Expect(page.Locator("#Input_BirthYear-fel")).ToHaveTextAsync("Fel: Födelseåret är inte rimligt.");
        await FillAsync(page, "Födelseår", "1998");
        await ClickButtonAsync(page, "Skriv in deltagaren");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deltagaren är inskriven som D-");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Anonym deltagare");

        // The participant list, filtered to those still taking part.
        await ClickLinkAsync(page, $"Deltagare i {anonymous.Name}");
        await page.GetByLabel("Visa").SelectOptionAsync(new SelectOptionValue { Label = "Pågående" });
        await ClickButtonAsync(page, "Filtrera");
        await Assertions.Expect(page.GetByText("1 deltagare pågår.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "1998" })).ToContainTextAsync("Anonym");
        await CheckPageAsync(page, "coach-deltagarlista");

        // Count-only: this tertial's women and men (the intake address leads to the counts page).
        await page.GotoAsync($"/insatser/{countOnly.Id}/inskrivning");
        await ArrivedAsync(page, $"/insatser/{countOnly.Id}/antal");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Antal deltagare: {countOnly.Name}");
        await Assertions.Expect(page.Locator("#sparat")).ToHaveTextAsync("Inget antal är sparat för T3 (september–december) 2026.");
        await CheckPageAsync(page, "coach-antal");
        await FillAsync(page, "Antal kvinnor under tertialet", "-2");
        await FillAsync(page, "Antal män under tertialet", "9");
        await ClickButtonAsync(page, "Spara antal för tertialet");
        await Assertions.Expect(page.Locator("#Count_Women-fel")).ToContainTextAsync("Antal kvinnor får inte vara negativt.");
        await FillAsync(page, "Antal kvinnor under tertialet", "14");
        await ClickButtonAsync(page, "Spara antal för tertialet");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Antalet är sparat för T3 2026: 14 kvinnor och 9 män. Året 2026 har nu 14 kvinnor och 9 män, totalt 23.");
        var saved = page.GetByRole(AriaRole.Table, new() { Name = "Registrerat 2026" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "T3" });
        await Assertions.Expect(saved).ToHaveTextAsync(new Regex("T3\\s*sep–dec\\s*14\\s*9\\s*23"));
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Participant_CoachOfAnotherProvider_CannotOpenIt()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var otherProvider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(7)));

        var page = await SignInAsync(UserRole.Coach, association.Id, otherProvider.Id);
        foreach (var path in new[]
        {
            $"/deltaganden/{participation.Id}", $"/deltaganden/{participation.Id}/avslut", $"/deltaganden/{participation.Id}/rattelse",
            $"/insatser/{intervention.Id}/deltagare", $"/insatser/{intervention.Id}/inskrivning",
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sidan finns inte");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(TestPersonnummer.Masked(TestPersonnummer.Man(7)));
        }

        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "annan-utforare-404");
        await page.GotoAsync("/insatser");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Insatser och deltagare");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(intervention.Name);
        await CheckPageAsync(page, "coach-insatser");

        // Another role's page: 403 with a Swedish page, not a redirect.
        var refused = await page.GotoAsync("/kansli/insatser");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen behörighet");
        await CheckPageAsync(page, "ingen-behorighet");
    }

    /// <summary>The intake form's "Vid start" fields, by their Swedish labels and options.</summary>
    private sealed record StartSituation(string StartDate, string Municipality, string ReferredBy, string Education, string TimeInSupport, string Occupation);

    private static async Task FillStartSituationAsync(IPage page, StartSituation start)
    {
        await FillAsync(page, "Startdatum", start.StartDate);
        await FillAsync(page, "Hemkommun", start.Municipality);
        await SelectAsync(page, "Anvisad av", start.ReferredBy);
        await SelectAsync(page, "Utbildningsnivå", start.Education);
        await SelectAsync(page, "Tid i offentlig försörjning", start.TimeInSupport);
        await SelectAsync(page, "Sysselsättning vid start", start.Occupation);
    }

    [GeneratedRegex("D-\\d+")]
    private static partial Regex ReferencePattern();
}
