using System.Reflection;
using Mediator;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>Every command and query says who may send it; the pipeline refuses one that does not.</summary>
public sealed class AccessRuleTests
{
    private static readonly Type[] Messages = [.. typeof(AccessAttribute).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))];

    [Fact]
    public void EveryMessage_HasAnAccessRule()
    {
        Assert.NotEmpty(Messages);
        var without = Messages.Where(t => t.GetCustomAttribute<AccessAttribute>() is null).Select(t => t.Name).Order().ToList();
        Assert.True(without.Count == 0, "Messages without [Access]: " + string.Join(", ", without));
    }

    [Fact]
    public void EveryMessageAboutOneEntity_DeclaresItsScope()
    {
        // A message carrying an association, intervention, participation or follow-up id is scoped by it,
        // unless it filters by the caller itself (lists with optional filters) or is for the system only.
        var scoped = new[] { typeof(IAssociationScoped), typeof(IInterventionScoped), typeof(IParticipationScoped), typeof(IFollowUpScoped), typeof(IReferralScoped) };
        var unscoped = Messages
            .Where(t => t.GetCustomAttribute<AccessAttribute>()?.Roles.Count > 0)
            .Where(t => !scoped.Any(s => s.IsAssignableFrom(t)))
            .Where(t => t.GetProperties().Any(p => p.PropertyType == typeof(long) && p.Name is "AssociationId" or "InterventionId" or "ParticipationId" or "FollowUpId" or "Id"))
            .Select(t => t.Name)
            .ToList();
        Assert.True(unscoped.Count == 0, "Messages with a non-optional entity id but no scope: " + string.Join(", ", unscoped));
    }
}
