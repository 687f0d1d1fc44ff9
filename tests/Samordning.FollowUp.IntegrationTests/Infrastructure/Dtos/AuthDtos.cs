namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Sign-in and the current user as a client sees them.

public sealed record CurrentUserDto(
    string Id, string Email, string DisplayName, string Role, string RoleLabel, long? AssociationId, long? ProviderId);

public sealed record AccessTokenDto(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
