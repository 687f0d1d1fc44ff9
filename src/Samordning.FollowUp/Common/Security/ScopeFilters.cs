using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Scope in the query itself: whatever a handler lists, the database returns only rows the
/// caller may see. A coach sees its provider's; the office and board their association's
/// aggregates-level rows and never a participation; the system (jobs) everything.
/// </summary>
internal static class ScopeFilters
{
    public static IQueryable<Participation> VisibleTo(this IQueryable<Participation> query, Caller caller) => caller switch
    {
        { IsSystem: true } => query,
        { Role: UserRole.Coach, ProviderId: { } providerId } => query.Where(p => p.Intervention!.ProviderId == providerId),
        _ => query.Where(p => false),
    };

    public static IQueryable<TwelveMonthFollowUp> VisibleTo(this IQueryable<TwelveMonthFollowUp> query, Caller caller) => caller switch
    {
        { IsSystem: true } => query,
        { Role: UserRole.Coach, ProviderId: { } providerId } => query.Where(f => f.Participation!.Intervention!.ProviderId == providerId),
        _ => query.Where(f => false),
    };

    /// <summary>Referrals belong to the provider like participations: only its coaches see them.</summary>
    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> query, Caller caller) => caller switch
    {
        { IsSystem: true } => query,
        { Role: UserRole.Coach, ProviderId: { } providerId } => query.Where(r => r.Intervention!.ProviderId == providerId),
        _ => query.Where(r => false),
    };

    public static IQueryable<Intervention> VisibleTo(this IQueryable<Intervention> query, Caller caller) => caller switch
    {
        { IsSystem: true } or { Role: UserRole.SystemAdmin } => query,
        { Role: UserRole.Coach, ProviderId: { } providerId } => query.Where(i => i.ProviderId == providerId),
        { Role: UserRole.AssociationAdmin or UserRole.BoardMember, AssociationId: { } associationId } =>
            query.Where(i => i.AssociationId == associationId),
        _ => query.Where(i => false),
    };

    /// <summary>A coach reads its provider's digests; the office the association's own notices.</summary>
    public static IQueryable<Notification> VisibleTo(this IQueryable<Notification> query, Caller caller) => caller switch
    {
        { IsSystem: true } or { Role: UserRole.SystemAdmin } => query,
        { Role: UserRole.Coach, ProviderId: { } providerId } => query.Where(n => n.ProviderId == providerId),
        { Role: UserRole.AssociationAdmin, AssociationId: { } associationId } =>
            query.Where(n => n.AssociationId == associationId && n.ProviderId == null),
        _ => query.Where(n => false),
    };
}
