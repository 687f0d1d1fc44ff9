using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// Issue 22 end to end: the coach records the person's consent and e-mail, the invitation job
/// e-mails the one-time link through the test's SMTP server, the person opens the link from the
/// captured message on a phone (390 px, and 320 px), answers without signing in, and the coach
/// sees the follow-up completed as self-reported. Every page axe-checked.
/// </summary>
public sealed partial class AnswerLinkBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Participant_AnswersFromTheEmailedLink_OnAPhone_CoachSeesItCompletedAsSelfReported()
    {
        if (Fixture.Smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Navet Sjuhärad");
        var office = Users.OfficeOf(association.Id);
        var intervention = await office.InterventionAsync(association.Id, provider.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        // Left 2025-12-01: the follow-up is due 2026-12-01, within the 30 days before it on 2026-11-23.
        var left = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(40), new DateOnly(2025, 3, 3), new DateOnly(2025, 12, 1));
        var email = $"deltagare-{Guid.NewGuid():N}@test.example";

        // The coach records the consent and the e-mail address (a correction after intake).
        var coach = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await coach.GotoAsync($"/deltaganden/{left.Id}");
        await ClickLinkAsync(coach, "Kontakt för uppföljningen");
        await ArrivedAsync(coach, $"/deltaganden/{left.Id}/kontakt");
        await coach.GetByLabel("Ja, med en länk", new() { Exact = true }).CheckAsync();
        await FillAsync(coach, "E-postadress", email);
        await CheckPageAsync(coach, "coach-kontakt-uppfoljning");
        await ClickButtonAsync(coach, "Spara");
        await LeftAsync(coach, "/kontakt");
        await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToContainTextAsync("Kontaktuppgifterna för uppföljningen är sparade");

        // The nightly job sends the invitation; the person opens it from the captured e-mail.
        Assert.Equal(new FollowUpInvitationsResult(1, 1), await Factory.SendAsync(new SendFollowUpInvitationsCommand(), Ct));
        var file = Assert.Single(await Fixture.Smtp.MessagesToAsync(email, atLeast: 1, Ct));
        var mail = await MimeKit.MimeMessage.LoadAsync(file, Ct);
        var link = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(link.Success, mail.TextBody);

        var phone = await NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync(link.Groups["path"].Value);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hur går det för dig?");
        await AssertFitsTheScreenAsync(phone);
        await CheckPageAsync(phone, "svara-fragor-390");
        await phone.SetViewportSizeAsync(320, 700);
        await AssertFitsTheScreenAsync(phone);
        await phone.SetViewportSizeAsync(390, 844);

        // Sent without an answer: Swedish messages beside the questions, nothing stored.
        await ClickButtonAsync(phone, "Skicka svaret");
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Välj det som stämmer bäst för dig nu.");
        await CheckPageAsync(phone, "svara-fel-390");

        await phone.GetByLabel("Jag har ett arbete", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel("Heltid", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel("Lön", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel("Nej", new() { Exact = true }).CheckAsync();
        await ClickButtonAsync(phone, "Skicka svaret");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack för ditt svar");
        await CheckPageAsync(phone, "svara-tack-390");

        // The link is spent: opened again it says so, and whom to contact.
        await phone.GotoAsync(link.Groups["path"].Value);
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Länken är redan använd");
        await Assertions.Expect(phone.GetByText("Kontakta Navet Sjuhärad")).ToBeVisibleAsync();
        await CheckPageAsync(phone, "svara-anvand-390");

        // The coach's view: completed, from the person themselves, the answer's figures.
        var followUp = (await Data.FollowUpOfAsync(left.Id))!;
        await coach.GotoAsync($"/uppfoljningar/{followUp.Id}");
        var summary = coach.Locator("dl.summary-list");
        await Assertions.Expect(summary).ToContainTextAsync("Genomförd");
        await Assertions.Expect(summary).ToContainTextAsync("Deltagaren själv, via länken (självrapporterat)");
        await Assertions.Expect(summary).ToContainTextAsync("Svarade via länk");
        await Assertions.Expect(coach.GetByLabel("Sysselsättning", new() { Exact = true })).ToHaveValueAsync("Employed");
        await CheckPageAsync(coach, "coach-uppfoljning-sjalvrapporterad");
    }

    [GeneratedRegex(@"https?://\S+?(?<path>/svara\?token=[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
