using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.AnswerLinks;

/// <summary>
/// The participant answers the 12-month follow-up through a one-time link (issue 22): consent and
/// contact at intake or later, the invitation by e-mail through a real SMTP server and by SMS through
/// a local HTTP gateway that records the requests, the page without sign-in, and what the coach sees.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "AnswerLinks")]
public sealed partial class AnswerLinkTests(ApiFactory factory, SmtpTestServer smtp, SmsTestServer sms)
    : ApiTest(factory), IClassFixture<SmtpTestServer>, IClassFixture<SmsTestServer>
{
    private static readonly DateOnly Start = new(2025, 1, 7);

    // The follow-up is due on 2026-12-01: "now" (2026-11-23) is within the 30 days before it (Due).
    private static readonly DateOnly Exit = new(2025, 12, 1);

    private static readonly ConditionalWeakTable<ApiFactory, Dictionary<string, SendingHost>> Hosts = new();

    private sealed record SendingHost(WebApplicationFactory<Program> Host, CapturingLoggerProvider Capture);

    /// <summary>A service on the same database that e-mails and texts (and logs everything it writes).</summary>
    private SendingHost Sending(string from = "uppfoljning@samordning.test", int attemptsPerMinute = 10000)
    {
        var hosts = Hosts.GetValue(Factory, _ => []);
        var key = $"{from}|{attemptsPerMinute}";
        lock (hosts)
        {
            if (!hosts.TryGetValue(key, out var host))
            {
                var capture = new CapturingLoggerProvider();
                host = new SendingHost(Factory.WithWebHostBuilder(builder =>
                {
                    builder.UseSetting("Smtp:Host", "127.0.0.1");
                    builder.UseSetting("Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
                    builder.UseSetting("Smtp:UseStartTls", "false");
                    builder.UseSetting("Smtp:From", from);
                    builder.UseSetting("Sms:GatewayUrl", sms.GatewayUrl.ToString());
                    builder.UseSetting("Sms:UserName", "konto");
                    builder.UseSetting("Sms:Password", "hemligt");
                    builder.UseSetting("FollowUps:PublicBaseUrl", "https://localhost");
                    builder.UseSetting("AnswerLinks:AttemptsPerMinute", attemptsPerMinute.ToString(CultureInfo.InvariantCulture));
                    builder.ConfigureLogging(logging =>
                    {
                        logging.AddProvider(capture);
                        logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
                    });
                }), capture);
                hosts[key] = host;
            }

            return host;
        }
    }

    private void SkipWithoutServers()
    {
        if (smtp.Unavailable is { } reason || sms.Unavailable is { } smsReason && (reason = smsReason) is not null)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task<FollowUpInvitationsResult> SendInvitationsAsync(SendingHost host)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the job does
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendFollowUpInvitationsCommand(), Ct);
    }

    private sealed record Person(long ParticipationId, long FollowUpId, string Personnummer, string Email, string ProviderName, string? Digits)
    {
        /// <summary>The mobile number as the gateway gets it.</summary>
        public string MobileE164 => $"+467{Digits}";
    }

    private const string ProviderName = "Arbetsmarknadsenheten Åmål";

    private long? _intervention;
    private long _provider;

    /// <summary>An identified exit whose follow-up is due, of a person who agreed to be contacted by e-mail (and SMS).</summary>
    private async Task<Person> ConsentingPersonAsync(int n = 0, bool withMobile = true)
    {
        // A number of its own per test: the SMS gateway's records outlive a test.
        var digits = withMobile ? Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) : null;
        var mobile = digits is null ? null : $"07{digits[0]}-{digits[1..4]} {digits[4..6]} {digits[6..]}";
        if (_intervention is null)
        {
            var association = await Data.AssociationAsync();
            _provider = (await Data.ProviderAsync(association.Id, ProviderName, "kontakt@amal.test")).Id;
            _intervention = (await Data.InterventionAsync(association.Id, _provider, Mode.Identified, new DateOnly(2025, 1, 1))).Id;
        }

        var personnummer = TestPersonnummer.Woman(n);
        var participation = await Data.IdentifiedExitAsync(_intervention.Value, personnummer, Start, Exit);
        var email = $"person-{Guid.NewGuid():N}@test.example";
        (await Users.CoachOf(_provider).PutAsync($"/api/v1/participations/{participation.Id}/follow-up-contact",
            new JsonObject { ["consent"] = true, ["mobile"] = mobile, ["email"] = email })).EnsureSuccessStatusCode();
        var followUp = (await Data.FollowUpOfAsync(participation.Id))!;
        return new Person(participation.Id, followUp.Id, personnummer, email, ProviderName, digits);
    }

    private async Task<string> LinkFromEmailAsync(Person person, int index = 0)
    {
        var files = await smtp.MessagesToAsync(person.Email, atLeast: index + 1, Ct);
        var mail = await MimeMessage.LoadAsync(files[index], Ct);
        return LinkPattern().Match(mail.TextBody ?? string.Empty).Value;
    }

    private static HttpClient Browser(SendingHost host) => host.Host.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    private static async Task<(HttpStatusCode Status, string Html)> PostAnswerAsync(HttpClient browser, string link, params (string Name, string Value)[] fields)
    {
        var token = await UiSession.FormTokenAsync(browser, link);
        var query = link[(link.IndexOf('?', StringComparison.Ordinal) + "?token=".Length)..];
        using var response = await UiSession.PostFormAsync(browser, "/svara", token, [("token", query), .. fields]);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Invitation_EmailAndSms_OnlyTheProviderAndTheLink_AnsweredOnce_CoachSeesSelfReported()
    {
        SkipWithoutServers();
        var person = await ConsentingPersonAsync();
        var host = Sending();

        Assert.Equal(new FollowUpInvitationsResult(1, 1), await SendInvitationsAsync(host));

        // The e-mail: the provider's name and the link, nothing about the person.
        var file = Assert.Single(await smtp.MessagesToAsync(person.Email, atLeast: 1, Ct));
        var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal($"{person.ProviderName} vill veta hur det går för dig", mail.Subject);
        var link = LinkPattern().Match(mail.TextBody ?? string.Empty).Value;
        Assert.StartsWith("https://localhost/svara?token=", link, StringComparison.Ordinal);
        Assert.Contains(person.ProviderName, mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        AssertNothingIdentifying(mail.TextBody ?? string.Empty, person);
        AssertNothingIdentifying(mail.Subject ?? string.Empty, person);

        // The SMS: the same link, through the gateway's form POST with the configured credentials.
        var text = Assert.Single(await sms.RequestsToAsync(person.MobileE164, atLeast: 1, Ct));
        Assert.Equal("/a1/sms", text.Path);
        Assert.Equal("Basic " + Convert.ToBase64String("konto:hemligt"u8.ToArray()), text.Authorization);
        Assert.Equal("Uppfoljning", text.Form["from"]);
        Assert.Contains(link, text.Form["message"], StringComparison.Ordinal);
        Assert.Contains(person.ProviderName, text.Form["message"], StringComparison.Ordinal);
        AssertNothingIdentifying(text.Form["message"].Replace(link, string.Empty, StringComparison.Ordinal), person);

        // Running again sends nothing: one invitation per follow-up.
        Assert.Equal(new FollowUpInvitationsResult(0, 0), await SendInvitationsAsync(host));
        Assert.Single(await smtp.MessagesToAsync(person.Email, atLeast: 2, Ct));
        Assert.Single(await sms.RequestsToAsync(person.MobileE164, atLeast: 2, Ct));
        Assert.Equal("Invited", (await Data.FollowUpOfAsync(person.ParticipationId))!.AnswerLink);

        // The page: no sign-in, the questions, the headers that keep it out of caches and referrers.
        using var browser = Browser(host);
        using (var page = await browser.GetAsync(new Uri(link[("https://localhost".Length)..], UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Vill du hellre bli uppringd?", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            AssertNothingIdentifying(html, person);
            Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("default-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }

        // Missing answers are named in Swedish; nothing is stored.
        var path = link["https://localhost".Length..];
        var (status, html2) = await PostAnswerAsync(browser, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Välj det som stämmer bäst för dig nu.", html2, StringComparison.Ordinal);
        Assert.Null((await Data.FollowUpOfAsync(person.ParticipationId))!.Result);

        var (_, thanks) = await PostAnswerAsync(browser, path,
            ("Input.Occupation", "Employed"), ("Input.ExtentPercent", "75"), ("Input.IncomeSources", "Salary"), ("Input.WantsCall", "false"));
        Assert.Contains("Tack för ditt svar", thanks, StringComparison.Ordinal);

        var followUp = (await Data.FollowUpOfAsync(person.ParticipationId))!;
        Assert.Equal("Completed", followUp.Status);
        Assert.Equal("Answered", followUp.AnswerLink);
        Assert.Equal(("Reached", "Employed", 75, "SelfReported"), (followUp.Result!.Outcome, followUp.Result.Occupation, followUp.Result.ExtentPercent, followUp.Result.Source));
        Assert.Equal(["Salary"], followUp.Result.IncomeSources);

        // The report's 12-month indicator (exits of T3 2025 in the report of T3 2026) tells how many answered through the link.
        var report = await Users.OfficeOf(Data.HomeAssociationId).ReportAsync(Data.HomeAssociationId, 2026, 3);
        var twelveMonths = report["presentation"]!["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "I2")!;
        var response = twelveMonths["responseText"]!.GetValue<string>().Replace('\u00a0', ' ').Replace('\u202f', ' ');
        Assert.Contains("1 av de nådda (100,0 %) svarade själva via länken", response, StringComparison.Ordinal);

        // Used: the link never works again, and says whom to contact.
        using (var again = await browser.GetAsync(new Uri(path, UriKind.Relative), Ct))
        {
            var html = await again.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Länken är redan använd", html, StringComparison.Ordinal);
            Assert.Contains(person.ProviderName, html, StringComparison.Ordinal);
            Assert.Contains("kontakt@amal.test", html, StringComparison.Ordinal);
        }

        Assert.Equal(new FollowUpInvitationsResult(0, 0), await SendInvitationsAsync(host));

        // The coach corrects it; the person's own answer stays in the history.
        var coach = await Users.CoachOfFollowUpAsync(person.FollowUpId);
        var correction = Data_FollowUpResult("Reached", Exit.AddYears(1).AddDays(-8), "Studies");
        (await coach.PutAsync($"/api/v1/follow-ups/{person.FollowUpId}/result", correction)).EnsureSuccessStatusCode();
        var corrected = (await Data.FollowUpOfAsync(person.ParticipationId))!;
        Assert.Equal(("Coach", "Studies"), (corrected.Result!.Source, corrected.Result.Occupation));
        using var history = await coach.GetAsync($"/api/v1/follow-ups/{person.FollowUpId}/result/history");
        var revisions = JsonNode.Parse(await history.Content.ReadAsStringAsync(Ct))!.AsArray();
        var revision = Assert.Single(revisions)!;
        Assert.Equal(("SelfReported", "Employed"), (revision["source"]!.GetValue<string>(), revision["occupation"]!.GetValue<string>()));

        // Nothing identifying, and not the token, in any log line of the sending and answering service.
        var token = path["/svara?token=".Length..];
        foreach (var line in host.Capture.Logs)
        {
            AssertNothingIdentifying(line.Text, person);
            Assert.DoesNotContain(token, line.Text, StringComparison.Ordinal);
        }
    }

    private static JsonObject Data_FollowUpResult(string outcome, DateOnly contactedOn, string occupation) =>
        TestData.FollowUpResult(outcome, contactedOn, occupation);

    [Fact]
    public async Task Link_OfAnotherFollowUp_AnswersOnlyItsOwn_AndAGuessedTokenFindsNothing()
    {
        SkipWithoutServers();
        var first = await ConsentingPersonAsync(0, withMobile: false);
        var second = await ConsentingPersonAsync(1, withMobile: false);
        var host = Sending();
        Assert.Equal(new FollowUpInvitationsResult(2, 2), await SendInvitationsAsync(host));
        var firstLink = (await LinkFromEmailAsync(first))["https://localhost".Length..];
        Assert.NotEqual(firstLink, (await LinkFromEmailAsync(second))["https://localhost".Length..]);

        using var browser = Browser(host);
        var (_, thanks) = await PostAnswerAsync(browser, firstLink, ("Input.WantsCall", "true"));
        Assert.Contains("ringer dig", thanks, StringComparison.Ordinal);

        var firstFollowUp = (await Data.FollowUpOfAsync(first.ParticipationId))!;
        Assert.Equal(("CallRequested", null), (firstFollowUp.AnswerLink, firstFollowUp.Result));
        Assert.Equal("Invited", (await Data.FollowUpOfAsync(second.ParticipationId))!.AnswerLink);

        // A guessed token, and one a character off, are a friendly "does not work" with nothing about anyone.
        foreach (var guess in new[] { "/svara?token=" + new string('A', 43), firstLink[..^1] + (firstLink[^1] == 'A' ? 'B' : 'A'), "/svara?token=kort" })
        {
            using var response = await browser.GetAsync(new Uri(guess, UriKind.Relative), Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Länken fungerar inte", html, StringComparison.Ordinal);
            Assert.DoesNotContain(first.ProviderName, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Link_AfterTheWindowCloses_IsExpired_AndNoReminderGoes()
    {
        SkipWithoutServers();
        var person = await ConsentingPersonAsync(withMobile: false);
        var host = Sending();
        await SendInvitationsAsync(host);
        var link = (await LinkFromEmailAsync(person))["https://localhost".Length..];

        // The window closes three months after the due date (2027-03-01); the day after, the link is spent.
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await Factory.SendAsync(new Features.FollowUps.RunFollowUpSchedulerCommand(), Ct);
        using var browser = Browser(host);
        using var response = await browser.GetAsync(new Uri(link, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Länken gäller inte längre", html, StringComparison.Ordinal);
        Assert.Contains(person.ProviderName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Skicka svaret", html, StringComparison.Ordinal);

        Assert.Equal(new FollowUpInvitationsResult(0, 0), await SendInvitationsAsync(host));
        Assert.Single(await smtp.MessagesToAsync(person.Email, atLeast: 2, Ct));
    }

    [Fact]
    public async Task Reminder_OnceAfterTheConfiguredDays_WithANewLink_BothLinksEndWithTheAnswer()
    {
        SkipWithoutServers();
        var person = await ConsentingPersonAsync(withMobile: false);
        var host = Sending();
        await SendInvitationsAsync(host);

        Factory.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(new FollowUpInvitationsResult(0, 0), await SendInvitationsAsync(host));
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new FollowUpInvitationsResult(1, 1), await SendInvitationsAsync(host));
        Assert.Equal(new FollowUpInvitationsResult(0, 0), await SendInvitationsAsync(host));

        var mails = (await smtp.MessagesToAsync(person.Email, atLeast: 2, Ct)).ToList();
        Assert.Equal(2, mails.Count);
        var reminder = await MimeMessage.LoadAsync(mails[1], Ct);
        Assert.StartsWith("Påminnelse: ", reminder.Subject, StringComparison.Ordinal);
        var first = (await LinkFromEmailAsync(person, 0))["https://localhost".Length..];
        var second = (await LinkFromEmailAsync(person, 1))["https://localhost".Length..];
        Assert.NotEqual(first, second);

        using var browser = Browser(host);
        await PostAnswerAsync(browser, second, ("Input.Occupation", "JobSeeking"), ("Input.IncomeSources", "UnemploymentInsurance"));
        using var old = await browser.GetAsync(new Uri(first, UriKind.Relative), Ct);
        Assert.Contains("Länken är redan använd", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("JobSeeking", (await Data.FollowUpOfAsync(person.ParticipationId))!.Result!.Occupation);
    }

    [Fact]
    public async Task Page_GuessingIsRateLimited_PerClientAddress()
    {
        var host = Sending(attemptsPerMinute: 5);
        using var browser = Browser(host);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await browser.GetAsync(new Uri($"/svara?token={Guid.NewGuid():N}{Guid.NewGuid():N}"[..56], UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Invitations_TwoSendersAtOnce_OneMessageEach()
    {
        SkipWithoutServers();
        var person = await ConsentingPersonAsync();
        var results = await Task.WhenAll(
            SendInvitationsAsync(Sending("a@samordning.test")), SendInvitationsAsync(Sending("b@samordning.test")));

        Assert.Equal(1, results.Sum(r => r.Sent));
        Assert.Equal(1, results.Sum(r => r.Created));
        Assert.Single(await smtp.MessagesToAsync(person.Email, atLeast: 2, Ct));
        Assert.Single(await sms.RequestsToAsync(person.MobileE164, atLeast: 2, Ct));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.FollowUpInvitations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Contact_EncryptedAtRest_Masked_ReadAudited_ErasedWithTheIdentity()
    {
        var person = await ConsentingPersonAsync();
        var coach = await Users.CoachOfFollowUpAsync(person.FollowUpId);

        var masked = JsonNode.Parse(await (await coach.GetAsync($"/api/v1/participations/{person.ParticipationId}/follow-up-contact")).Content.ReadAsStringAsync(Ct))!;
        Assert.Equal($"07{person.Digits![0]}-*** **{person.Digits[^2..]}", masked["mobile"]!.GetValue<string>());
        Assert.Equal("p***@test.example", masked["email"]!.GetValue<string>());
        Assert.True(masked["consent"]!.GetValue<bool>());

        var rows = await Factory.ReadRawTableAsync("Participants");
        foreach (var value in rows.SelectMany(r => r.Values))
        {
            var text = value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            Assert.DoesNotContain(person.Email, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Digits!, text, StringComparison.Ordinal);
        }

        var full = JsonNode.Parse(await (await coach.GetAsync($"/api/v1/participations/{person.ParticipationId}/follow-up-contact/full")).Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((person.MobileE164, person.Email), (full["mobile"]!.GetValue<string>(), full["email"]!.GetValue<string>()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Domain.AuditAction.ContactRead, Ct)));

        // A wrong number is refused with the field and a Swedish reason.
        var problem = await (await coach.PutAsync($"/api/v1/participations/{person.ParticipationId}/follow-up-contact",
            new JsonObject { ["consent"] = true, ["mobile"] = "12345" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("mobilnummer", problem.Errors!["mobile"][0], StringComparison.Ordinal);

        // Withdrawing consent erases the identity, and the contact with it.
        (await coach.PostAsync($"/api/v1/participations/{person.ParticipationId}/consent/withdraw", new JsonObject())).EnsureSuccessStatusCode();
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.ContactCipher != null, Ct)));
    }

    private static void AssertNothingIdentifying(string text, Person person)
    {
        Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);
        if (person.Digits is { } digits)
        {
            Assert.DoesNotContain(digits, text, StringComparison.Ordinal);
            Assert.DoesNotContain(digits[1..4] + " " + digits[4..6], text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(person.Personnummer[2..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Personnummer[..8], text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://localhost/svara\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
