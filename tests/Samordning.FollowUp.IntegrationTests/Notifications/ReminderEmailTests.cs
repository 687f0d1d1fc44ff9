using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Notifications;

/// <summary>The digest e-mailed through a real SMTP server (aiosmtpd on 127.0.0.1), not a mock.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Reminders")]
public sealed class ReminderEmailTests(ApiFactory factory, SmtpTestServer smtp) : ApiTest(factory), IClassFixture<SmtpTestServer>
{
    private const string From = "uppfoljning@samordning.test";

    [Fact]
    public async Task Reminders_EmailedToTheProvidersContactAddress_SwedishIntact_NoPersonnummer()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var contact = $"coach-{Guid.NewGuid():N}@utforare.test";
        var association = await Data.AssociationAsync();
        var withEmail = await Data.ProviderAsync(association.Id, "Utförare med e-post", contact);
        var withoutEmail = await Data.ProviderAsync(association.Id, "Utförare utan e-post", null);
        var start = new DateOnly(2025, 1, 1);
        var a = await Data.InterventionAsync(association.Id, withEmail.Id, "IndividualFocused", "Preparatory", Mode.Identified,
            start, null, "Språkstöd och arbetsträning i Åmål");
        var b = await Data.InterventionAsync(association.Id, withoutEmail.Id, Mode.Identified, start);
        string[] numbers = [TestPersonnummer.Woman(0), TestPersonnummer.Man(0), TestPersonnummer.Woman(1)];
        var due = await Data.IdentifiedExitAsync(a.Id, numbers[0], new DateOnly(2025, 1, 7), new DateOnly(2025, 12, 1));
        var overdue = await Data.IdentifiedExitAsync(a.Id, numbers[1], new DateOnly(2025, 1, 7), new DateOnly(2025, 10, 1));
        await Data.IdentifiedExitAsync(b.Id, numbers[2], new DateOnly(2025, 1, 7), new DateOnly(2025, 12, 2));

        var mailing = Factory.WithSmtp(smtp.Port, From);
        async Task<FollowUpRemindersResult> SendRemindersAsync()
        {
            await using var scope = mailing.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the job does
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendFollowUpRemindersCommand(), Ct);
        }

        var result = await SendRemindersAsync();

        // The provider without a contact address: to its coach instead (the coach who registered the exit).
        Assert.Equal(new FollowUpRemindersResult(2, 2), result);
        var digest = Assert.Single((await Data.NotificationsAsync($"?providerId={withEmail.Id}")).Items);
        Assert.NotNull(digest.EmailSentAtUtc);
        Assert.NotNull(Assert.Single((await Data.NotificationsAsync($"?providerId={withoutEmail.Id}", Users.CoachOf(withoutEmail.Id))).Items).EmailSentAtUtc);

        var file = Assert.Single(await smtp.MessagesToAsync(contact, atLeast: 1, Ct));
        var raw = await File.ReadAllTextAsync(file, Ct);
        var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal(contact, Assert.Single(mail.To.Mailboxes).Address);
        var sender = Assert.Single(mail.From.Mailboxes);
        Assert.Equal((From, "Samordning Uppföljning"), (sender.Address, sender.Name));
        Assert.Equal("Uppföljningar att göra: 1 att följa upp, 1 försenade", mail.Subject);
        Assert.Equal(digest.Subject, mail.Subject);
        Assert.NotNull(mail.TextBody);
        var body = mail.TextBody.ReplaceLineEndings("\n").TrimEnd();
        Assert.Equal(digest.Body.ReplaceLineEndings("\n").TrimEnd(), body);
        Assert.Contains("12-månadersuppföljningar", body, StringComparison.Ordinal);
        Assert.Contains("Språkstöd och arbetsträning i Åmål", body, StringComparison.Ordinal);
        Assert.Equal([due.Id, overdue.Id], ReminderTests.References(body));
        ReminderTests.AssertNoPersonnummer(body, numbers);
        ReminderTests.AssertNoPersonnummer(mail.Subject ?? string.Empty, numbers);
        ReminderTests.AssertNoPersonnummer(raw, numbers, anyShape: false);

        // Sent mail is not sent again.
        Assert.Equal(new FollowUpRemindersResult(0, 0), await SendRemindersAsync());
        Assert.Single(await smtp.MessagesToAsync(contact, atLeast: 2, Ct));
    }
}
