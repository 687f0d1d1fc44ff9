using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Api.Demo;

internal sealed record DemoUser(string Email, string DisplayName, UserRole Role, string? ProviderName = null);

/// <summary>
/// One demo user per role (two coaches, to show that one provider cannot see another's
/// participants). Development only; the README lists them with the password.
/// </summary>
internal static class DemoUsers
{
    public const string Password = "Uppfoljning-2026";

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("admin@demo.example", "Alva Andersson", UserRole.SystemAdmin),
        new("kansli@demo.example", "Karin Kanslisson", UserRole.AssociationAdmin),
        new("styrelse@demo.example", "Sven Styrelsesson", UserRole.BoardMember),
        new("coach.boras@demo.example", "Anna Björklund", UserRole.Coach, DemoAssociation.ProviderOf("Borås")),
        new("coach.navet@demo.example", "Nadia Karlsson", UserRole.Coach, DemoAssociation.ForbundWideProvider),
    ];
}
