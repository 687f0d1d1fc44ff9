using System.Reflection;
using System.Text.RegularExpressions;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests;

/// <summary>
/// The service's floors, read from its source files: each top-level folder of
/// src/Samordning.FollowUp is a floor with the namespace of the same name, and a file may use its
/// own floor and the floors below it, never one above:
/// <code>
///   Domain    nothing of the service
///   Data      Domain
///   Common    Domain, Data (the audit log, the authorization behaviour and the save helpers use the DbContext)
///   Documents Common (the document toolkit: xlsx, pdf, csv and table writers, knowing nothing of a report)
///   Features  Domain, Data, Common, and other features
///   Jobs      Domain, Data, Common, Features (a job sends a feature's command)
/// </code>
/// The composition root (namespace Samordning.FollowUp itself: ServiceCollectionExtensions) wires
/// every floor and is used by none of them. A file "uses" a floor when it names it: a using
/// directive (plain, static or alias), a fully qualified name, a name qualified from inside the
/// service's namespace (<c>Features.Auth.X</c>, <c>Domain.ExitReason</c>), or a type of the
/// composition root, which every namespace below sees without a using. Reading the source rather
/// than the assembly also catches constants and nameof, which leave no reference in the IL.
/// Features may use each other, but never in a circle (<see cref="Features_UseEachOtherOneWayOnly"/>).
/// </summary>
public sealed partial class FloorTests
{
    private const string Root = "Samordning.FollowUp";

    /// <summary>Bottom to top: a floor may use the ones at or before its own index.</summary>
    private static readonly string[] Floors = ["Domain", "Data", "Common", "Documents", "Features", "Jobs"];

    private static readonly Assembly Service = typeof(PersonalIdentityNumber).Assembly;

    [Fact]
    public void EveryFloor_UsesOnlyItselfAndTheFloorsBelow()
    {
        var violations = new List<string>();
        foreach (var file in ServiceSources.Files())
        {
            var floor = FloorOf(file.Path);
            if (floor is null)
            {
                violations.Add($"{file.Path}: not on a floor (put it in {string.Join(", ", Floors)}, or in the composition root)");
                continue;
            }

            var expected = floor == Root ? Root : $"{Root}.{floor}";
            foreach (Match m in NamespaceDeclaration().Matches(file.Text))
            {
                var declared = m.Groups[1].Value;
                if (declared != expected && !declared.StartsWith(expected + ".", StringComparison.Ordinal))
                {
                    violations.Add($"{file.Path}:{ServiceSources.Line(file.Text, m.Index)} declares {declared} on the {floor} floor");
                }
            }

            if (floor == Root)
            {
                continue;
            }

            var own = Array.IndexOf(Floors, floor);
            foreach (var (used, line, what) in FloorsUsed(file.Text))
            {
                if (used == Root || Array.IndexOf(Floors, used) > own)
                {
                    violations.Add($"{file.Path}:{line} ({floor}) uses {used}: {what}");
                }
            }
        }

        Assert.True(violations.Count == 0, "A floor uses one above it:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// One feature may use another, but two features never depend on each other, directly or
    /// around a circle (Auth uses Users' response; Users knows nothing of sign-in).
    /// </summary>
    [Fact]
    public void Features_UseEachOtherOneWayOnly()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in ServiceSources.Files().Where(f => f.Path.StartsWith("Features/", StringComparison.Ordinal)))
        {
            var feature = file.Path.Split('/')[1];
            var used = uses.TryGetValue(feature, out var set) ? set : uses[feature] = [];
            foreach (Match m in FeatureName().Matches(file.Text))
            {
                if (m.Groups[1].Value != feature)
                {
                    used.Add(m.Groups[1].Value);
                }
            }
        }

        Assert.Contains("Users", uses["Auth"]);
        var circles = new List<string>();
        foreach (var start in uses.Keys.Order(StringComparer.Ordinal))
        {
            var path = new Stack<string>();
            if (FindCircle(start, start, uses, path, []))
            {
                circles.Add(string.Join(" → ", path.Reverse().Prepend(start)));
            }
        }

        Assert.True(circles.Count == 0, "Features that depend on each other:\n" + string.Join("\n", circles));
    }

    private static bool FindCircle(string start, string at, Dictionary<string, HashSet<string>> uses, Stack<string> path, HashSet<string> seen)
    {
        foreach (var next in uses.GetValueOrDefault(at) ?? [])
        {
            path.Push(next);
            if (next == start || (seen.Add(next) && FindCircle(start, next, uses, path, seen)))
            {
                return true;
            }

            path.Pop();
        }

        return false;
    }

    /// <summary>A global using would put a floor into every file, below it too.</summary>
    [Fact]
    public void NoGlobalUsing_OfTheService()
    {
        var violations = ServiceSources.Files()
            .SelectMany(f => GlobalUsing().Matches(f.Text).Select(m => $"{f.Path}:{ServiceSources.Line(f.Text, m.Index)} {m.Value.Trim()}"))
            .ToList();
        var project = File.ReadAllText(Path.Combine(ServiceSources.Directory, "Samordning.FollowUp.csproj"));
        if (project.Contains("<Using Include=\"" + Root, StringComparison.Ordinal))
        {
            violations.Add("Samordning.FollowUp.csproj: <Using Include=\"Samordning.FollowUp…\">");
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>The scan itself sees what is known to be there, so an empty result means something.</summary>
    [Fact]
    public void FloorScan_FindsKnownUses()
    {
        var files = ServiceSources.Files().ToList();
        Assert.All(Floors, floor => Assert.Contains(files, f => FloorOf(f.Path) == floor));

        string[] Uses(string path) => FloorsIn(files.Single(f => f.Path == path).Text);
        static string[] FloorsIn(string text) => [.. FloorsUsed(text).Select(u => u.Floor).Distinct().Order(StringComparer.Ordinal)];

        // using directives, in a real file
        Assert.Equal(new[] { "Common", "Features", "Jobs" }, Uses("Jobs/RecurringJobs.cs"));
        // a name qualified from inside the service's namespace
        Assert.Equal(new[] { "Domain" }, FloorsIn(".When(x => x.ExitReason is not Domain.ExitReason.Deceased)"));
        Assert.Equal(new[] { "Jobs" }, FloorsIn("var all = Jobs.RecurringJobs.All;"));
        // the composition root, by its type name and by its extension methods, which need no using
        Assert.Equal(new[] { Root }, FloorsIn("var x = typeof(ServiceCollectionExtensions);"));
        Assert.Equal(new[] { Root }, FloorsIn("services.AddFollowUp(configuration, environment);"));
        // a property called Data is not the Data floor
        Assert.Empty(FloorsIn("var n = result.Data.Count + Data.Length;"));
    }

    private static IEnumerable<(string Floor, int Line, string What)> FloorsUsed(string text)
    {
        foreach (Match m in Qualified().Matches(text))
        {
            if (Floors.Contains(m.Groups[1].Value))
            {
                yield return (m.Groups[1].Value, ServiceSources.Line(text, m.Index), m.Value);
            }
        }

        // Inside namespace Samordning.FollowUp.*, "Features.Auth.X" binds to Samordning.FollowUp.Features.Auth.X.
        foreach (Match m in PartlyQualified().Matches(text))
        {
            if (ServiceNames.Value.Contains($"{Root}.{m.Groups[1].Value}.{m.Groups[2].Value}"))
            {
                yield return (m.Groups[1].Value, ServiceSources.Line(text, m.Index), m.Value);
            }
        }

        foreach (Match m in Identifier().Matches(text))
        {
            if (RootNames.Value.Contains(m.Value))
            {
                yield return (Root, ServiceSources.Line(text, m.Index), m.Value);
            }
        }
    }

    /// <summary>Every namespace and type name of the service, e.g. Samordning.FollowUp.Features.Auth.</summary>
    private static readonly Lazy<HashSet<string>> ServiceNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in Service.GetTypes())
        {
            names.Add(type.FullName!.Split('+')[0]);
            var ns = type.Namespace ?? string.Empty;
            for (var i = ns.Length; i > 0; i = ns.LastIndexOf('.', i - 1))
            {
                names.Add(ns[..i]);
            }
        }

        return names;
    });

    /// <summary>The composition root's types and their methods (extension methods need no using).</summary>
    private static readonly Lazy<HashSet<string>> RootNames = new(() =>
    [
        .. Service.GetTypes()
            .Where(t => t.Namespace == Root && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal))
                .Select(m => m.Name)
                .Append(t.Name)),
    ]);

    private static string? FloorOf(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? Root : Floors.FirstOrDefault(f => f == path[..slash]);
    }

    [GeneratedRegex(@"\bSamordning\.FollowUp\.(\w+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(Domain|Data|Common|Features|Jobs)\.(\w+)")]
    private static partial Regex PartlyQualified();

    [GeneratedRegex(@"\b[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*global\s+using\s+(static\s+)?(\w+\s*=\s*)?(global::)?Samordning\.FollowUp\b[^;]*;", RegexOptions.Multiline)]
    private static partial Regex GlobalUsing();

    [GeneratedRegex(@"\bFeatures\.([A-Z][A-Za-z]+)")]
    private static partial Regex FeatureName();
}
