using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>What the link leads to: the questions, or why not (and whom to contact).</summary>
public enum AnswerLinkStatus
{
    Open,
    Answered,
    Used,
    Expired,
    Unknown,
}

/// <summary>The page's view of a link; the provider only once the link is known (never any person).</summary>
public sealed record AnswerLinkView(AnswerLinkStatus Status, string? ProviderName = null, string? ProviderEmail = null)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}

/// <summary>The person's answer, in the follow-up's code lists.</summary>
public sealed record SelfReportAnswer(bool? WantsCall, Occupation? Occupation, int? ExtentPercent, IReadOnlyList<IncomeSource>? IncomeSources)
{
    /// <summary>The occupations that have an extent (work or studies).</summary>
    public static readonly IReadOnlyList<Occupation> WithExtent = [Domain.Occupation.Employed, Domain.Occupation.SubsidisedEmployment, Domain.Occupation.Studies];
}

internal sealed class SelfReportAnswerValidator : AbstractValidator<SelfReportAnswer>
{
    public SelfReportAnswerValidator()
    {
        RuleFor(x => x.Occupation).NotNull().When(x => x.WantsCall != true)
            .WithMessage("Välj det som stämmer bäst för dig nu.");
        RuleFor(x => x.ExtentPercent).NotNull()
            .When(x => x.WantsCall != true && x.Occupation is { } o && SelfReportAnswer.WithExtent.Contains(o))
            .WithMessage("Välj hur mycket du arbetar eller studerar.");
        RuleFor(x => x.ExtentPercent).InclusiveBetween(0, 100).WithMessage("Välj ett av svaren.");
        RuleFor(x => x.IncomeSources).NotEmpty().When(x => x.WantsCall != true)
            .WithMessage("Välj minst ett svar om dina pengar.");
        RuleFor(x => x.IncomeSources).NoRepeatedIncomeSource().NoContradictoryIncomeSources();
    }
}

/// <summary>
/// The answer page's two steps, without sign-in: open a link, and answer through it. The link is
/// found by its token's hash; it works once, until the follow-up's window closes, for its own
/// follow-up only. Nothing here ever names or shows the person.
/// </summary>
internal sealed class SelfReport(FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options, AuditLog audit)
{
    private static readonly SelfReportAnswerValidator Validator = new();

    public async Task<AnswerLinkView> OpenAsync(string? token, CancellationToken cancellationToken) =>
        (await FindAsync(token, cancellationToken)).View;

    public async Task<AnswerLinkView> SubmitAsync(string? token, SelfReportAnswer answer, CancellationToken cancellationToken)
    {
        var (view, link) = await FindAsync(token, cancellationToken);
        if (view.Status != AnswerLinkStatus.Open)
        {
            return view;
        }

        var validation = Validator.Validate(answer);
        if (!validation.IsValid)
        {
            return view with
            {
                Errors = validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage),
            };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answered = answer.Occupation is not null;
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);

        // The link is used by one conditional update: of two submits at once, only one gets past it.
        var taken = await db.FollowUpInvitations.Where(i => i.Id == link!.InvitationId && i.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now).SetProperty(i => i.CallRequested, answer.WantsCall == true), cancellationToken);
        if (taken == 0)
        {
            return view with { Status = AnswerLinkStatus.Used };
        }

        if (answered)
        {
            db.FollowUpResults.Add(new FollowUpResult
            {
                FollowUpId = link!.FollowUpId,
                Outcome = FollowUpOutcome.Reached,
                ContactedOn = clock.Today(),
                Occupation = answer.Occupation,
                ExtentPercent = answer.Occupation is { } o && SelfReportAnswer.WithExtent.Contains(o) ? answer.ExtentPercent : null,
                IncomeSources = [.. answer.IncomeSources ?? []],
                Source = FollowUpResultSource.SelfReported,
                RecordedAtUtc = now,
                UpdatedAtUtc = now,
            });
            await db.TwelveMonthFollowUps.Where(f => f.Id == link.FollowUpId).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, FollowUpStatus.Completed).SetProperty(f => f.UpdatedAtUtc, now), cancellationToken);
        }

        audit.AddFor(Caller.Anonymous, AuditAction.SelfReported, AuditLog.FollowUp, link!.FollowUpId, link.AssociationId, link.ProviderId,
            answered ? (answer.WantsCall == true ? "Svar via länk, vill också bli uppringd" : "Svar via länk") : "Vill bli uppringd");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The coach recorded the result at the same moment: theirs stands, this link is spent.
            return view with { Status = AnswerLinkStatus.Used };
        }

        await transaction.CommitAsync(cancellationToken);
        return view with { Status = AnswerLinkStatus.Answered };
    }

    private sealed record Link(long InvitationId, long FollowUpId, long AssociationId, long ProviderId);

    private async Task<(AnswerLinkView View, Link? Link)> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = AnswerTokens.Hash(token);
        if (hash is null)
        {
            return (new AnswerLinkView(AnswerLinkStatus.Unknown), null);
        }

        var row = await db.FollowUpInvitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.SentAtUtc != null)
            .Select(i => new
            {
                i.Id,
                i.FollowUpId,
                i.ExpiresOn,
                i.UsedAtUtc,
                i.FollowUp!.Status,
                i.FollowUp.DueDate,
                HasResult = i.FollowUp.Result != null,
                AnyUsed = db.FollowUpInvitations.Any(o => o.FollowUpId == i.FollowUpId && o.UsedAtUtc != null),
                i.FollowUp.Participation!.Intervention!.AssociationId,
                i.FollowUp.Participation.Intervention.ProviderId,
                ProviderName = i.FollowUp.Participation.Intervention.Provider!.Name,
                i.FollowUp.Participation.Intervention.Provider.ContactEmail,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return (new AnswerLinkView(AnswerLinkStatus.Unknown), null);
        }

        var today = clock.Today();
        var status = row.UsedAtUtc is not null || row.AnyUsed || row.HasResult ? AnswerLinkStatus.Used
            : row.ExpiresOn < today || today > options.Value.WindowCloses(row.DueDate) || row.Status is FollowUpStatus.Cancelled or FollowUpStatus.Expired
                ? AnswerLinkStatus.Expired
                : AnswerLinkStatus.Open;
        return (new AnswerLinkView(status, row.ProviderName, row.ContactEmail), new Link(row.Id, row.FollowUpId, row.AssociationId, row.ProviderId));
    }
}
