using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Features.DataQuality;

/// <summary>
/// The office's "Påminn utföraren": the provider gets a notification listing the tertial's
/// data-quality counts (never who is behind them) with a link to its coaches' list, e-mailed to
/// its contact address or else to its coaches. Once per provider and day: a retried click sends
/// nothing and says when the day's reminder went.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record RemindProviderDataQualityCommand : ICommand<DataQualityReminderResponse>, IProviderScoped
{
    [JsonIgnore]
    public long ProviderId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

/// <param name="Sent">False when the provider had already been reminded today, or has nothing to complete (nothing sent).</param>
/// <param name="SentAtUtc">When the day's reminder was sent (now, or earlier today); null when none was.</param>
/// <param name="Message">What the office is told, in Swedish.</param>
public sealed record DataQualityReminderResponse(
    long ProviderId, string ProviderName, int Year, int Tertial, bool Sent, DateTime? SentAtUtc, int OpenItems, string Message);

internal sealed class RemindProviderDataQualityValidator : AbstractValidator<RemindProviderDataQualityCommand>
{
    public RemindProviderDataQualityValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class RemindProviderDataQualityHandler(
    FollowUpDbContext db, DataQualityReader reader, NotificationMailer mailer, AuditLog audit, TimeProvider clock, IOptions<FollowUpOptions> followUps)
    : ICommandHandler<RemindProviderDataQualityCommand, DataQualityReminderResponse>
{
    public async ValueTask<DataQualityReminderResponse> Handle(RemindProviderDataQualityCommand command, CancellationToken cancellationToken)
    {
        var provider = await reader.ProviderAsync(command.ProviderId, cancellationToken);
        var (year, tertial) = (command.Year, command.Tertial);
        var today = clock.Today();
        if (Tertials.Start(year, tertial) > today)
        {
            throw new RuleViolationException("tertial", $"T{tertial} {year} har inte börjat än; det finns inget att påminna om.");
        }

        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        // Writing the provider's row (to itself) holds its lock until commit, so two clicks at the
        // same moment are taken one after the other and the second finds the first's reminder.
        await db.Providers.Where(p => p.Id == provider.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, p => p.Name), cancellationToken);
        var earlier = await db.Notifications.AsNoTracking()
            .Where(n => n.ProviderId == provider.Id && n.Kind == NotificationKind.DataQualityReminder && n.ForDate == today)
            .OrderBy(n => n.Id)
            .Select(n => new { n.CreatedAtUtc, n.ItemCount })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            return new DataQualityReminderResponse(provider.Id, provider.Name, year, tertial, false, earlier.CreatedAtUtc, earlier.ItemCount,
                $"Påminnelse skickades redan i dag kl. {SwedishFormat.TimeOf(earlier.CreatedAtUtc)} till {provider.Name}. Ingen ny påminnelse skickades.");
        }

        var counts = await reader.CountsAsync(provider, year, tertial, cancellationToken);
        if (counts.OpenItems == 0)
        {
            return new DataQualityReminderResponse(provider.Id, provider.Name, year, tertial, false, null, 0,
                $"{provider.Name} har inga registreringar att komplettera för T{tertial} {year}. Ingen påminnelse skickades.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            AssociationId = provider.AssociationId,
            ProviderId = provider.Id,
            Kind = NotificationKind.DataQualityReminder,
            ForDate = today,
            Subject = $"Datakvalitet T{tertial} {year}: {Registrations(counts.OpenItems)} att komplettera",
            Body = Body(counts),
            ItemCount = counts.OpenItems,
            CreatedAtUtc = now,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        var recipients = await mailer.ProviderRecipientsAsync(provider.Id, cancellationToken);
        var to = !mailer.SendsEmail ? "e-post är inte inställd i tjänsten"
            : recipients.Count == 0 ? "utföraren har ingen kontaktadress och inga deltagaransvariga med e-post"
            : recipients.Count == 1 ? $"e-post till {recipients[0]}"
            : $"e-post till {recipients.Count} deltagaransvariga";
        audit.Add(AuditAction.DataQualityReminderSent, AuditLog.Notification, notification.Id, provider.AssociationId, provider.Id,
            $"T{tertial} {year}: {Registrations(counts.OpenItems)} att komplettera; {to}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await mailer.SendPendingAsync(now, cancellationToken);
        return new DataQualityReminderResponse(provider.Id, provider.Name, year, tertial, true, now, counts.OpenItems,
            $"Påminnelsen skickades till {provider.Name} kl. {SwedishFormat.TimeOf(now)} ({to}).");
    }

    private static string Registrations(int count) => count == 1 ? "1 registrering" : $"{count} registreringar";

    /// <summary>The counts per check and a link to the coaches' list; never a name, personnummer or participation.</summary>
    private string Body(ProviderDataQualityResponse counts)
    {
        var (year, tertial) = (counts.Year, counts.Tertial);
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Förbundet ber {counts.ProviderName} att se över registreringarna för T{tertial} {year} ({SwedishFormat.Period(counts.From, counts.To)}).")
            .AppendLine(CultureInfo.InvariantCulture, $"Så här ser datakvaliteten ut i dag, {Registrations(counts.OpenItems)} att komplettera:")
            .AppendLine();
        foreach (var check in counts.Checks)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- {check.Label}: {check.Count}");
        }

        var path = $"/datakvalitet?ar={year}&tertial={tertial}";
        var link = string.IsNullOrWhiteSpace(followUps.Value.PublicBaseUrl) ? path : followUps.Value.PublicBaseUrl.TrimEnd('/') + path;
        return body.AppendLine()
            .AppendLine("Vilka deltaganden det gäller ser utförarens deltagaransvariga i Samordning Uppföljning, med en länk till varje deltagande där det rättas:")
            .AppendLine(link)
            .ToString();
    }
}

public static class RemindProviderDataQualityEndpoint
{
    public static RouteGroupBuilder MapRemindProviderDataQuality(this RouteGroupBuilder group)
    {
        group.MapPost("/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}/reminders", async Task<Ok<DataQualityReminderResponse>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RemindProviderDataQualityCommand
                {
                    ProviderId = providerId, Year = year, Tertial = tertial,
                }, ct)))
            .WithName("RemindProviderDataQuality")
            .WithSummary("The office reminds a provider of its data quality for a tertial: a notification with the counts (no identities) and a link to the coaches' list, e-mailed to the provider's contact address or else its coaches; once per provider and day (sent=false and the earlier time when already reminded).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
