using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Notifications;

/// <summary>The daily digest of follow-ups that became due or overdue, per provider; never a personnummer.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Reminders")]
public sealed partial class ReminderTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly Start = new(2025, 1, 7);

    /// <summary>Every "D-{id}" reference in a text.</summary>
    internal static List<long> References(string text) =>
        [.. ReferencePattern().Matches(text).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    /// <summary>
    /// Asserts that none of the numbers, in any usual form, is in the text, nor (with
    /// <paramref name="anyShape"/>) anything shaped like one. A raw e-mail's headers carry
    /// message ids and addresses with long digit runs, so there only the numbers themselves are sought.
    /// </summary>
    internal static void AssertNoPersonnummer(string text, IEnumerable<string> personnummer, bool anyShape = true)
    {
        foreach (var number in personnummer)
        {
            Assert.DoesNotContain(number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestPersonnummer.WithDash(number), text, StringComparison.Ordinal);
            Assert.DoesNotContain(number[2..], text, StringComparison.Ordinal);
            Assert.DoesNotContain($"{number[2..8]}-{number[8..]}", text, StringComparison.Ordinal);
        }

        if (anyShape)
        {
            Assert.DoesNotMatch(PersonnummerShape(), text);
        }
    }

    private async Task RunRemindersJobAsync()
    {
        // The job itself, as Hangfire runs it: scheduler first, then the digest.
        await using var scope = Factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<FollowUpRemindersJob>(scope.ServiceProvider).RunAsync(Ct);
    }

    [Fact]
    public async Task Reminders_OneDigestPerProvider_WithReferencesOnly_NoPersonnummer()
    {
        var association = await Data.AssociationAsync();
        var north = await Data.ProviderAsync(association.Id, "Utförare Norr", null);
        var south = await Data.ProviderAsync(association.Id, "Utförare Söder", null);
        var a = await Data.InterventionAsync(association.Id, north.Id, Mode.Identified, new DateOnly(2025, 1, 1));
        var b = await Data.InterventionAsync(association.Id, south.Id, Mode.Identified, new DateOnly(2025, 1, 1));
        string[] numbers = [TestPersonnummer.Woman(0), TestPersonnummer.Man(0), TestPersonnummer.Woman(1), TestPersonnummer.Man(1), TestPersonnummer.Woman(2)];
        // Today 2026-11-23.
        var due = await Data.IdentifiedExitAsync(a.Id, numbers[0], Start, new DateOnly(2025, 12, 1));       // due 2026-12-01: Due
        var overdue = await Data.IdentifiedExitAsync(a.Id, numbers[1], Start, new DateOnly(2025, 10, 1));   // due 2026-10-01: Overdue
        await Data.IdentifiedExitAsync(a.Id, numbers[2], Start, new DateOnly(2025, 6, 1));                  // due 2026-06-01: Expired
        await Data.IdentifiedExitAsync(a.Id, numbers[3], Start, new DateOnly(2026, 6, 1));                  // due 2027-06-01: Upcoming
        var dueSouth = await Data.IdentifiedExitAsync(b.Id, numbers[4], Start, new DateOnly(2025, 12, 5));  // due 2026-12-05: Due

        await RunRemindersJobAsync();

        // One digest per provider, each seen by that provider's coach only.
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Notifications.CountAsync(Ct)));
        var northCoach = Users.CoachOf(north.Id);
        var southCoach = Users.CoachOf(south.Id);
        var northDigest = Assert.Single((await Data.NotificationsAsync($"?providerId={north.Id}", northCoach)).Items);
        Assert.Equal(northDigest.Id, Assert.Single((await Data.NotificationsAsync(reader: northCoach)).Items).Id);
        Assert.Equal(("FollowUpDigest", new DateOnly(2026, 11, 23), 2), (northDigest.Kind, northDigest.ForDate, northDigest.ItemCount));
        Assert.Equal("Uppföljningar att göra: 1 att följa upp, 1 försenade", northDigest.Subject);
        Assert.Equal([due.Id, overdue.Id], References(northDigest.Body).Order());
        Assert.Contains($"D-{overdue.Id}, ", northDigest.Body, StringComparison.Ordinal);
        Assert.Contains("försenad", northDigest.Body, StringComparison.Ordinal);

        var southDigest = Assert.Single((await Data.NotificationsAsync($"?providerId={south.Id}", southCoach)).Items);
        Assert.Equal(southDigest.Id, Assert.Single((await Data.NotificationsAsync(reader: southCoach)).Items).Id);
        Assert.Equal([dueSouth.Id], References(southDigest.Body));
        Assert.Equal("Uppföljningar att göra: 1 att följa upp, 0 försenade", southDigest.Subject);

        foreach (var digest in new[] { northDigest, southDigest })
        {
            AssertNoPersonnummer(digest.Subject + "\n" + digest.Body, numbers);
        }
    }

    [Fact]
    public async Task Reminders_TellEachFollowUpOncePerState()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(), Start, new DateOnly(2025, 12, 10)); // due 2026-12-10

        await RunRemindersJobAsync();                                                            // 2026-11-23: Due
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero));
        await RunRemindersJobAsync();                                                            // still Due: nothing new
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 11, 5, 0, 0, TimeSpan.Zero));
        await RunRemindersJobAsync();                                                            // Overdue: told again
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 12, 5, 0, 0, TimeSpan.Zero));
        await RunRemindersJobAsync();                                                            // still Overdue: nothing new

        var digests = (await Data.NotificationsAsync()).Items.OrderBy(n => n.Id).ToList();
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 11)], digests.Select(d => d.ForDate));
        Assert.Equal("Uppföljningar att göra: 1 att följa upp, 0 försenade", digests[0].Subject);
        Assert.Equal("Uppföljningar att göra: 0 att följa upp, 1 försenade", digests[1].Subject);
        Assert.All(digests, d => Assert.Equal([participation.Id], References(d.Body)));
    }

    [Fact]
    public async Task Reminders_CompletedOrCancelledFollowUps_AreNotMentioned()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var completed = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(0), Start, new DateOnly(2025, 12, 1));
        var cancelled = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(1), Start, new DateOnly(2025, 12, 2));
        await Data.RecordFollowUpAsync((await Data.FollowUpOfAsync(completed.Id))!.Id,
            TestData.FollowUpResult("Reached", new DateOnly(2026, 11, 20), "Employed"));
        await Data.CorrectExitAsync(cancelled.Id, TestData.Exit(new DateOnly(2025, 12, 2), "RegisteredInError", occupation: null));

        var result = await Factory.SendAsync(new SendFollowUpRemindersCommand(), Ct);

        Assert.Equal(0, result.NotificationsCreated);
        Assert.Empty((await Data.NotificationsAsync()).Items);
    }

    [GeneratedRegex(@"\bD-(\d+)\b")]
    private static partial Regex ReferencePattern();

    /// <summary>Six or eight digits, optionally a - or +, then four digits: any personnummer or samordningsnummer.</summary>
    [GeneratedRegex(@"(?<!\d)(\d{6}|\d{8})[-+]?\d{4}(?!\d)")]
    internal static partial Regex PersonnummerShape();
}
