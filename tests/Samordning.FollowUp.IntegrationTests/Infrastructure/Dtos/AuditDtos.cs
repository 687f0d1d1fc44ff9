namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// The audit log as a client sees it: codes are plain strings.

public sealed record AuditEntryDto(
    long Id,
    DateTime AtUtc,
    string? UserId,
    string UserName,
    string? Role,
    string Action,
    string ActionLabel,
    string EntityType,
    string? EntityId,
    long? AssociationId,
    long? ProviderId,
    string? Detail);
