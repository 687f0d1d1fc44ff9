namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Notifications as a client sees them.

public sealed record NotificationDto(
    long Id,
    long AssociationId,
    long? ProviderId,
    string Kind,
    DateOnly ForDate,
    string Subject,
    string Body,
    int ItemCount,
    DateTime CreatedAtUtc,
    DateTime? EmailSentAtUtc);
