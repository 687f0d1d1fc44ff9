using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// The name a page handler has in the address (<c>?handler=Forhandsgranska</c>) when it is not the
/// method's: addresses stay Swedish, like the routes, while the code is English.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HandlerNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Gives each handler with a <see cref="HandlerNameAttribute"/> that name.</summary>
internal sealed class HandlerNameConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var handler in model.HandlerMethods)
        {
            if (handler.MethodInfo.GetCustomAttribute<HandlerNameAttribute>() is { } named)
            {
                handler.HandlerName = named.Name;
            }
        }
    }
}
