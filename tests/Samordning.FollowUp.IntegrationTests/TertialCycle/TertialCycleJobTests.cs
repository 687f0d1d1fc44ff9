using System.Net;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.TertialCycle;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.TertialCycle;

/// <summary>
/// The cycle's jobs and the office's reminder. T2 2026 ends 2026-08-31: the draft job opens the
/// cycle 5 days later (2026-09-05, TertialCycle:OpenDaysAfterTertialEnd), the reminder job nudges
/// providers that have not attested from 20 days after (2026-09-20, ReminderDaysAfterTertialEnd).
/// Times are UTC; Sweden is two hours ahead in September.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialCycleJobTests(ApiFactory factory, SmtpTestServer smtp) : ApiTest(factory), IClassFixture<SmtpTestServer>
{
    private const string From = "uppfoljning@samordning.test";

    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, long GammaId, string AlfaMail, string BetaMail);

    /// <summary>Alfa (the home provider) and Beta run interventions from 2026-01-01; Gamma's ended in 2025.</summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var (alfaMail, betaMail) = ($"alfa-{Guid.NewGuid():N}@utforare.test", $"beta-{Guid.NewGuid():N}@utforare.test");
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare", alfaMail);
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare", betaMail);
        var gamma = await Data.ProviderAsync(association.Id, "Gamma utförare", null);
        await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.Identified, "Mapping", new DateOnly(2026, 1, 1));
        await Office.InterventionAsync(association.Id, gamma.Id, "Avslutad insats", Mode.Identified, "Mapping", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        return new Setup(association.Id, alfa.Id, beta.Id, gamma.Id, alfaMail, betaMail);
    }

    private static async Task<List<JsonObject>> NotificationsAsync(ApiClient reader, string query)
    {
        var response = await (await reader.GetAsync($"/api/v1/notifications{query}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonAsync())["items"].Objects()];
    }

    private async Task<List<JsonObject>> ProviderNotificationsAsync(long providerId, string kind) =>
        [.. (await NotificationsAsync(Users.CoachOf(providerId), $"?providerId={providerId}")).Where(n => n["kind"].Str() == kind)];

    [Fact]
    public async Task DraftJobsCommand_OpensTheCycleFiveDaysAfter_TellsEachProviderOfTheTertialAndTheOffice_Once()
    {
        var s = await ArrangeAsync();
        try
        {
            // 4 September in Sweden: not yet.
            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 4, 12, 0, 0, TimeSpan.Zero));
            Assert.Equal(new TertialCycleJobResult(0, 0), await Factory.SendAsync(new OpenTertialCycleCommand(), Ct));

            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 4, 22, 30, 0, TimeSpan.Zero)); // 00:30 on 5 September in Sweden
            Assert.Equal(3, (await Factory.SendAsync(new OpenTertialCycleCommand(), Ct)).NotificationsCreated);

            var alfa = Assert.Single(await ProviderNotificationsAsync(s.AlfaId, "TertialCycleOpened"));
            Assert.Equal(("Tertialrapporteringen för T2 2026 är öppen", "2026-08-31"), (alfa["subject"].Str(), alfa["forDate"].Str()));
            Assert.Contains("/tertialrapportering/2026/2", alfa["body"].Str(), StringComparison.Ordinal);
            Assert.Single(await ProviderNotificationsAsync(s.BetaId, "TertialCycleOpened"));
            Assert.Empty(await ProviderNotificationsAsync(s.GammaId, "TertialCycleOpened"));
            var office = Assert.Single(await NotificationsAsync(Office, $"?associationId={s.AssociationId}"), n => n["kind"].Str() == "TertialCycleOpened");
            Assert.Equal(("null", 2), (office["providerId"].Str(), office["itemCount"]!.GetValue<int>()));
            Assert.Contains("/kansli/tertialrapportering/2026/2", office["body"].Str(), StringComparison.Ordinal);

            // The next day's run adds nothing.
            Factory.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(new TertialCycleJobResult(0, 0), await Factory.SendAsync(new OpenTertialCycleCommand(), Ct));
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }
    }

    [Fact]
    public async Task ReminderJob_FromTheReminderDay_NudgesOnlyProvidersThatHaveNotAttested_Once_ByEmail()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var s = await ArrangeAsync();
        var mailing = Factory.WithSmtp(smtp.Port, From);
        async Task<TertialCycleJobResult> RunAsync()
        {
            await using var scope = mailing.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the job does
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendTertialAttestationRemindersCommand(), Ct);
        }

        try
        {
            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 10, 8, 0, 0, TimeSpan.Zero));
            // Alfa attests T2; Beta does not.
            await (await Coach.PostAsync($"/api/v1/providers/{s.AlfaId}/tertial-reports/2026/2/attest", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);

            // 19 September: before the reminder day.
            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 19, 8, 0, 0, TimeSpan.Zero));
            Assert.Equal(new TertialCycleJobResult(0, 0), await RunAsync());

            Factory.Clock.AdjustTime(new DateTimeOffset(2026, 9, 20, 5, 30, 0, TimeSpan.Zero));
            var result = await RunAsync();

            Assert.Equal(1, result.NotificationsCreated);
            Assert.Empty(await ProviderNotificationsAsync(s.AlfaId, "TertialAttestationReminder"));
            Assert.Empty(await ProviderNotificationsAsync(s.GammaId, "TertialAttestationReminder"));
            var reminder = Assert.Single(await ProviderNotificationsAsync(s.BetaId, "TertialAttestationReminder"));
            Assert.Equal("Påminnelse: intyga tertialrapporteringen för T2 2026", reminder["subject"].Str());
            Assert.NotEqual("null", reminder["emailSentAtUtc"].Str());

            var mail = await MimeMessage.LoadAsync(Assert.Single(await smtp.MessagesToAsync(s.BetaMail, atLeast: 1, Ct)), Ct);
            Assert.Equal("Påminnelse: intyga tertialrapporteringen för T2 2026", mail.Subject);
            Assert.Contains("Beta utförare har ännu inte intygat sina siffror för T2 2026", mail.TextBody, StringComparison.Ordinal);

            // The next day: reminded once is enough.
            Factory.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(0, (await RunAsync()).NotificationsCreated);
            Assert.Single(await ProviderNotificationsAsync(s.BetaId, "TertialAttestationReminder"));
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }
    }

    [Fact]
    public async Task OfficeReminder_RemindsProvidersNotAttested_OncePerDay_AndIsTheOfficesOnly()
    {
        var s = await ArrangeAsync();
        var path = $"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/2/reminders";
        await (await Coach.PostAsync($"/api/v1/providers/{s.AlfaId}/tertial-reports/2026/2/attest", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var first = await (await (await Office.PostAsync(path, new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.OK)).ReadJsonAsync();
        Assert.Equal(["Beta utförare"], first["reminded"]!.AsArray().Select(n => n.Str()));
        Assert.Empty(first["alreadyReminded"]!.AsArray());

        // The same day again: nobody twice.
        var again = await (await Office.PostAsync(path, new JsonObject())).ReadJsonAsync();
        Assert.Empty(again["reminded"]!.AsArray());
        Assert.Equal(["Beta utförare"], again["alreadyReminded"]!.AsArray().Select(n => n.Str()));
        Assert.Single(await ProviderNotificationsAsync(s.BetaId, "TertialAttestationReminder"));

        // The next day: once more.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            Assert.Equal(["Beta utförare"], (await (await Office.PostAsync(path, new JsonObject())).ReadJsonAsync())["reminded"]!.AsArray().Select(n => n.Str()));
            Assert.Equal(2, (await ProviderNotificationsAsync(s.BetaId, "TertialAttestationReminder")).Count);
        }
        finally
        {
            Factory.Clock.AdjustTime(TestDates.Now);
        }

        await (await Coach.PostAsync(path, new JsonObject())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.PostAsync(path, new JsonObject())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var other = await Data.AssociationAsync();
        await (await Users.OfficeOf(other.Id).PostAsync(path, new JsonObject())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.PostAsync($"/api/v1/associations/{s.AssociationId}/tertial-reports/2026/3/reminders", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tertial");
    }
}
