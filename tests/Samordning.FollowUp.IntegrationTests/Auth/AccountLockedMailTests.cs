using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// The sign-in answer no longer says that an account is locked, so its owner is told by e-mail,
/// once, when the attempt that locks it happens (through a real SMTP server, aiosmtpd on 127.0.0.1).
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed class AccountLockedMailTests(ApiFactory factory, SmtpTestServer smtp) : ApiTest(factory), IClassFixture<SmtpTestServer>
{
    private const string From = "uppfoljning@samordning.test";
    private const string WrongPassword = "Fel-losenord-2026";

    // A second service without SMTP that records its log (lives as long as the shared factory, see SignInTests).
    private static readonly ConditionalWeakTable<ApiFactory, LoggingHost> Logging = new();

    private sealed record LoggingHost(WebApplicationFactory<Program> Host, CapturingLoggerProvider Capture);

    private LoggingHost Logged => Logging.GetValue(Factory, f =>
    {
        var capture = new CapturingLoggerProvider();
        var host = f.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(capture);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Information);
        }));
        return new LoggingHost(host, capture);
    });

    [Fact]
    public async Task Lock_TheOwnerGetsExactlyOneEmail_FromTheAttemptThatLocks()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var association = await Data.AssociationAsync();
        var email = await Factory.CreateUserAsync(UserRole.BoardMember, association.Id, null, $"ledamot-{Guid.NewGuid():N}@forbund.test");
        using var http = Factory.WithSmtp(smtp.Port, From).CreateClient();

        // Five failures lock the account; two more attempts (one with the right password) find it locked.
        foreach (var password in new[] { WrongPassword, WrongPassword, WrongPassword, WrongPassword, WrongPassword, WrongPassword, ApiFactory.Password })
        {
            var problem = await (await http.SignInAsync(email, password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Fel e-postadress eller lösenord.", problem.Detail);
        }

        // Waits for a second mail, which must not come.
        var file = Assert.Single(await smtp.MessagesToAsync(email, atLeast: 2, Ct));
        var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal(email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Ditt konto i Samordning Uppföljning är tillfälligt låst", mail.Subject);
        Assert.Contains("Hej Test BoardMember!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("har låsts efter 5 inloggningsförsök med fel lösenord", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("om 15 minuter", mail.TextBody, StringComparison.Ordinal);
        // Sent straight to the owner: nothing the office can list.
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Notifications.CountAsync(Ct)));
    }

    [Fact]
    public async Task Lock_WithoutAnSmtpHost_LogsAtInformationThatTheMailCouldNotGo_NamingOnlyTheUserId()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        var userId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var logged = Logged;
        using var http = logged.Host.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await (await http.SignInAsync(email, WrongPassword)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        }

        // The mail is sent in the background: wait for its line.
        IReadOnlyList<CapturedLog> lines = [];
        for (var wait = 0; wait < 50 && lines.Count == 0; wait++)
        {
            await Task.Delay(100, Ct);
            lines = [.. logged.Capture.Logs.Where(l => l.Text.Contains(userId, StringComparison.Ordinal) && l.Text.Contains("locked", StringComparison.Ordinal))];
        }

        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("no SMTP host", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email.Split('@')[0], line.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[1], line.Text, StringComparison.OrdinalIgnoreCase);
    }
}
