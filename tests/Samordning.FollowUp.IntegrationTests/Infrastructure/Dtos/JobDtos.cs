namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// A job run started through the API.

public sealed record RunJobDto(string JobId, string RecurringJobId);

public sealed record JobRunDto(string RunId, string? RecurringJobId, string State, DateTime? StartedAtUtc, DateTime? EndedAtUtc, string? Message);
