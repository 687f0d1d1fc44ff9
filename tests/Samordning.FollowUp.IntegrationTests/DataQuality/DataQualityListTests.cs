using System.Net;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.DataQuality;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Notifications;

namespace Samordning.FollowUp.IntegrationTests.DataQuality;

/// <summary>
/// From each data-quality count to the participations behind it: the provider's coaches see the
/// list (the same query as the count), the office only the counts and a reminder it can send.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class DataQualityListTests(ApiFactory factory, SmtpTestServer smtp) : ApiTest(factory), IClassFixture<SmtpTestServer>
{
    private const string From = "uppfoljning@samordning.test";

    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, string AlfaMail, string[] Numbers);

    /// <summary>
    /// Alfa runs X (identified, 26 weeks) and C (count-only, no counts); Beta runs Y (anonymous, 26 weeks). Today is 2026-11-23.
    ///   X: 2025-03-10 open (past); 2025-02-03 open (past); 2025-04-07 → 2025-10-20 Employed (follow-up overdue);
    ///      2025-05-05 → 2025-12-01 Unknown (no outcome in T3 2025); 2025-06-02 → 2025-09-15 no step at exit (follow-up overdue)
    ///   Y: 2025-02-03 open (past); 2025-02-03 → 2025-10-01 Unknown, no step
    /// </summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfaMail = $"alfa-{Guid.NewGuid():N}@utforare.test";
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare", alfaMail);
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare", null);
        var office = Users.OfficeOf(association.Id);
        var x = await office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        await office.InterventionAsync(association.Id, alfa.Id, "Föreläsningar", Mode.CountOnly, "Training", new DateOnly(2025, 1, 1));
        var y = await office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.AnonymousIndividual, "Mapping", new DateOnly(2025, 1, 1));
        string[] numbers = [TestPersonnummer.Woman(0), TestPersonnummer.Man(2), TestPersonnummer.Woman(1), TestPersonnummer.Man(1), TestPersonnummer.Woman(2)];
        await office.IdentifiedAsync(Data, x.Id, numbers[0], new(2025, 3, 10));
        await office.IdentifiedAsync(Data, x.Id, numbers[1], new(2025, 2, 3));
        await office.IdentifiedAsync(Data, x.Id, numbers[2], new(2025, 4, 7), new(2025, 10, 20), "PlannedCompletion", "Employed", 4);
        await office.IdentifiedAsync(Data, x.Id, numbers[3], new(2025, 5, 5), new(2025, 12, 1), "PlannedCompletion", "Unknown", 4);
        await office.IdentifiedAsync(Data, x.Id, numbers[4], new(2025, 6, 2), new(2025, 9, 15), "PlannedCompletion", "Employed", null);
        await office.AnonymousAsync(Data, y.Id, "Man", new(2025, 2, 3));
        await office.AnonymousAsync(Data, y.Id, "Woman", new(2025, 2, 3), new(2025, 10, 1), "PlannedCompletion", "Unknown", null);
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        return new Setup(association.Id, alfa.Id, beta.Id, alfaMail, numbers);
    }

    /// <summary>The office's command, sent on a host that mails through the test SMTP server (as the system, as the mail tests do).</summary>
    private async Task<DataQualityReminderResponse> RemindAsync(long providerId)
    {
        var mailing = Factory.WithSmtp(smtp.Port, From);
        await using var scope = mailing.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new RemindProviderDataQualityCommand { ProviderId = providerId, Year = 2025, Tertial = 3 }, Ct);
    }

    private static string Counts(long providerId, int year, int tertial) => $"/api/v1/providers/{providerId}/data-quality/{year}/{tertial}";

    [Theory]
    [InlineData(2025, 3)]
    [InlineData(2026, 1)]
    public async Task EveryCheck_CountEqualsTheListBehindIt_PageByPage(int year, int tertial)
    {
        var s = await ArrangeAsync();
        var officeRows = (await (await Users.OfficeOf(s.AssociationId).GetAsync($"/api/v1/associations/{s.AssociationId}/data-quality/{year}/{tertial}"))
            .ShouldBeAsync<JsonObject>(HttpStatusCode.OK))["providers"].Objects().ToList();
        var nonZero = 0;
        foreach (var providerId in new[] { s.AlfaId, s.BetaId })
        {
            var coach = Users.CoachOf(providerId);
            var counts = await (await coach.GetAsync(Counts(providerId, year, tertial))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
            var checks = counts["checks"].Objects().ToList();
            Assert.Equal(Enum.GetNames<DataQualityCheck>(), checks.Select(c => c["check"].Str()));
            var officeRow = officeRows.Single(r => r["providerId"]!.GetValue<long>() == providerId);
            foreach (var check in checks)
            {
                var name = check["check"].Str();
                var count = check["count"]!.GetValue<int>();
                nonZero += count;
                // The office's row (the report's data quality) says the same.
                Assert.Equal(count, officeRow[char.ToLowerInvariant(name[0]) + name[1..]]!.GetValue<int>());

                var listed = new List<long>();
                for (var page = 1; ; page++)
                {
                    var list = await (await coach.GetAsync($"{Counts(providerId, year, tertial)}/{name}?page={page}&pageSize=1"))
                        .ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
                    Assert.Equal(count, list["totalCount"]!.GetValue<int>());
                    var items = list["participations"].Objects().Select(p => p["id"]!.GetValue<long>())
                        .Concat(list["interventions"].Objects().Select(i => i["interventionId"]!.GetValue<long>())).ToList();
                    if (items.Count == 0)
                    {
                        break;
                    }

                    listed.AddRange(items);
                }

                Assert.True(count == listed.Count, $"{name} for provider {providerId}: count {count}, listed {listed.Count}");
                Assert.Equal(listed.Count, listed.Distinct().Count());
            }
        }

        Assert.True(nonZero > 0, "The fixture should give the checks something to count.");
    }

    [Fact]
    public async Task T3_2025_ListsWhatTheCountsSay_ForTheCoachOnly()
    {
        var s = await ArrangeAsync();
        var coach = Users.CoachOf(s.AlfaId);

        var counts = await (await coach.GetAsync(Counts(s.AlfaId, 2025, 3))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        int Count(string check) => counts["checks"].Objects().Single(c => c["check"].Str() == check)["count"]!.GetValue<int>();
        // Two open past 26 weeks on 31 Dec; the exit on 2025-12-01 "Unknown"; the exit on 2025-09-15 without a step;
        // the follow-ups due 2026-10-20 and 2026-09-15 are overdue; the count-only intervention has no T3 figures.
        Assert.Equal((2, 1, 1, 2, 1, 0), (Count("PastExpectedLengthWithoutExit"), Count("ExitsWithoutOutcome"), Count("ExitsWithoutStep"),
            Count("OverdueFollowUps"), Count("CountOnlyWithoutFigures"), Count("UnreachableWithTooFewAttempts")));

        var overdue = await (await coach.GetAsync($"{Counts(s.AlfaId, 2025, 3)}/OverdueFollowUps")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.Equal(2, overdue["participations"].Objects().Count());
        Assert.All(overdue["participations"].Objects(), item =>
        {
            Assert.NotNull(item["followUpId"]);
            Assert.Equal("Overdue", item["followUpStatus"].Str());
        });

        // Another provider's coach, the office and the board never get the list.
        await (await Users.CoachOf(s.BetaId).GetAsync($"{Counts(s.AlfaId, 2025, 3)}/OverdueFollowUps")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await Users.OfficeOf(s.AssociationId).GetAsync($"{Counts(s.AlfaId, 2025, 3)}/OverdueFollowUps")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await (await Users.BoardOf(s.AssociationId).GetAsync($"{Counts(s.AlfaId, 2025, 3)}/OverdueFollowUps")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await (await coach.GetAsync($"{Counts(s.AlfaId, 2025, 3)}/Nothing")).ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reminder_MailsTheCountsOnce_NoIdentities_Audited()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var s = await ArrangeAsync();
        var path = $"{Counts(s.AlfaId, 2025, 3)}/reminders";

        var first = await RemindAsync(s.AlfaId);
        var again = await RemindAsync(s.AlfaId);

        Assert.True(first.Sent);
        Assert.Equal(7, first.OpenItems);
        Assert.False(again.Sent);
        Assert.StartsWith("Påminnelse skickades redan i dag kl. ", again.Message, StringComparison.Ordinal);
        Assert.Equal(first.SentAtUtc, again.SentAtUtc);

        var file = Assert.Single(await smtp.MessagesToAsync(s.AlfaMail, atLeast: 2, Ct));
        var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal("Datakvalitet T3 2025: 7 registreringar att komplettera", mail.Subject);
        var body = mail.TextBody!.ReplaceLineEndings("\n");
        Assert.Contains("- Pågående längre än förväntat utan avslut: 2\n", body, StringComparison.Ordinal);
        Assert.Contains("- Antalsinsatser utan registrerade antal: 1\n", body, StringComparison.Ordinal);
        Assert.Contains("/datakvalitet?ar=2025&tertial=3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("D-", body, StringComparison.Ordinal);
        ReminderTests.AssertNoPersonnummer(body + mail.Subject, s.Numbers);
        ReminderTests.AssertNoPersonnummer(await File.ReadAllTextAsync(file, Ct), s.Numbers, anyShape: false);

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.DataQualityReminderSent && a.ProviderId == s.AlfaId)
            .Select(a => a.Detail).ToListAsync());
        Assert.Equal($"T3 2025: 7 registreringar att komplettera; e-post till {s.AlfaMail}", Assert.Single(audit));

        // Another association's office cannot remind Alfa; a coach cannot remind at all.
        var other = await Data.AssociationAsync();
        await (await Users.OfficeOf(other.Id).PostAsync(path, new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await Users.CoachOf(s.AlfaId).PostAsync(path, new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reminder_WithoutContactAddress_GoesToTheProvidersCoaches()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var s = await ArrangeAsync();
        await Users.CoachOf(s.BetaId).EnsureSignedInAsync();
        var coachMail = await Factory.WithDbAsync(db => db.Users.Where(u => u.ProviderId == s.BetaId).Select(u => u.Email!).SingleAsync());
        var sent = await RemindAsync(s.BetaId);

        Assert.True(sent.Sent);
        var mail = await MimeMessage.LoadAsync(Assert.Single(await smtp.MessagesToAsync(coachMail, atLeast: 1, Ct)), Ct);
        Assert.Equal("Datakvalitet T3 2025: 3 registreringar att komplettera", mail.Subject);
    }
}
