using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// Re-encrypts every stored personnummer, and the contact for the follow-up kept beside it, that
/// is not under the current encryption key (after a key rotation). Runs in batches by participant id; a second run, or a run after a crash,
/// re-encrypts only what is still left.
/// </summary>
/// <param name="BatchSize">Participants read and written per transaction.</param>
[Access] // system only: sent by a job
public sealed record ReencryptIdentitiesCommand(int BatchSize = 500) : ICommand<ReencryptIdentitiesResult>;

/// <param name="Examined">Participants with a stored personnummer.</param>
/// <param name="Reencrypted">Re-encrypted with the current key by this run.</param>
/// <param name="Unreadable">
/// Under a key id that is not configured, or that fail to decrypt: left as they are. Anything
/// but 0 means a previous key is still needed (or the data is damaged).
/// </param>
/// <param name="KeyId">The current key id.</param>
/// <param name="ContactsReencrypted">Contacts for the follow-up (issue 22) re-encrypted with the current key by this run.</param>
public sealed record ReencryptIdentitiesResult(int Examined, int Reencrypted, int Unreadable, int KeyId, int ContactsReencrypted = 0);

internal sealed class ReencryptIdentitiesValidator : AbstractValidator<ReencryptIdentitiesCommand>
{
    public ReencryptIdentitiesValidator()
    {
        RuleFor(x => x.BatchSize).InclusiveBetween(1, 10_000).WithMessage("Batchstorleken ska vara mellan 1 och 10 000.");
    }
}

internal sealed partial class ReencryptIdentitiesHandler(
    FollowUpDbContext db, IdentityProtector protector, AuditLog audit, ILogger<ReencryptIdentitiesHandler> logger)
    : ICommandHandler<ReencryptIdentitiesCommand, ReencryptIdentitiesResult>
{
    public async ValueTask<ReencryptIdentitiesResult> Handle(ReencryptIdentitiesCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var examined = 0;
        var reencrypted = 0;
        var contacts = 0;
        var unreadable = 0;
        var lastId = 0L;

        while (true)
        {
            // Keyset paging: only one batch of (id, cipher) pairs is ever in memory.
            var after = lastId;
            var batch = await db.Participants.AsNoTracking()
                .Where(p => p.Id > after && p.IdentityCipher != null)
                .OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.IdentityCipher, p.ContactCipher })
                .Take(command.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Id;
            examined += batch.Count;

            var changes = new List<(long Id, byte[] Old, byte[] New)>();
            var contactChanges = new List<(long Id, byte[] Old, byte[] New)>();
            foreach (var row in batch)
            {
                var cipher = row.IdentityCipher!;
                try
                {
                    if (!protector.IsCurrent(cipher))
                    {
                        changes.Add((row.Id, cipher, protector.Encrypt(protector.Decrypt(cipher))));
                    }

                    if (row.ContactCipher is { } contact && !protector.IsCurrent(contact))
                    {
                        contactChanges.Add((row.Id, contact, protector.EncryptText(protector.DecryptText(contact))));
                    }
                }
                catch (CryptographicException)
                {
                    unreadable++;
                    LogUnreadable(logger, row.Id, cipher.Length > 0 ? cipher[0] : -1);
                }
            }

            if (changes.Count == 0 && contactChanges.Count == 0)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
            foreach (var (id, old, replacement) in changes)
            {
                // Written only if the row still holds what was read: an identity erased (or
                // re-encrypted by another run) in the meantime is not brought back.
                reencrypted += await db.Participants
                    .Where(p => p.Id == id && p.IdentityCipher == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.IdentityCipher, replacement), cancellationToken);
            }

            foreach (var (id, old, replacement) in contactChanges)
            {
                contacts += await db.Participants
                    .Where(p => p.Id == id && p.ContactCipher == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ContactCipher, replacement), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (reencrypted > 0 || contacts > 0)
        {
            audit.Add(AuditAction.KeyRotated, AuditLog.Participant, null, null, null,
                $"{reencrypted} identiteter krypterades om med nyckel {protector.CurrentKeyId}"
                + (contacts > 0 ? $", och {contacts} kontaktuppgifter" : string.Empty));
            await db.SaveChangesAsync(cancellationToken);
        }

        LogDone(logger, reencrypted, examined, protector.CurrentKeyId, unreadable);
        return new ReencryptIdentitiesResult(examined, reencrypted, unreadable, protector.CurrentKeyId, contacts);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The personnummer of participant {ParticipantId} could not be decrypted (key id {KeyId}); it is left as it is")]
    private static partial void LogUnreadable(ILogger logger, long participantId, int keyId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Re-encrypted {Reencrypted} of {Examined} stored personnummer with key {KeyId}; {Unreadable} could not be decrypted")]
    private static partial void LogDone(ILogger logger, int reencrypted, int examined, int keyId, int unreadable);
}
