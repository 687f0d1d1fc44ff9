using System.Collections.Concurrent;
using System.Reflection;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Who may send a message. Every command and query carries one; a message without it is refused
/// (fail closed) and a unit test lists any that lack it. No roles means the system only (jobs).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AccessAttribute(params UserRole[] roles) : Attribute
{
    public IReadOnlyList<UserRole> Roles { get; } = roles;
}

// What a message is about. The authorization behaviour finds the owning association and provider
// of that entity and refuses, as "not found", a caller outside them. Messages without one of these
// are either global (code lists) or filter their queries by the caller themselves (lists).

public interface IAssociationScoped
{
    long AssociationId { get; }
}

public interface IProviderScoped
{
    long ProviderId { get; }
}

public interface IInterventionScoped
{
    long InterventionId { get; }
}

public interface IParticipationScoped
{
    long ParticipationId { get; }
}

public interface IFollowUpScoped
{
    long FollowUpId { get; }
}

public interface IReferralScoped
{
    long ReferralId { get; }
}

internal static class AccessRules
{
    private static readonly ConcurrentDictionary<Type, AccessAttribute?> Cache = new();

    public static AccessAttribute? For(Type messageType) =>
        Cache.GetOrAdd(messageType, t => t.GetCustomAttribute<AccessAttribute>(inherit: false));
}
