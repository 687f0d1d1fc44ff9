namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Shapes every list and code list shares, as a client sees them.

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public sealed record CodeLabelDto(string Code, string Label);
