namespace Samordning.FollowUp.UnitTests;

/// <summary>The service's source files (src/Samordning.FollowUp), for tests that read the code itself.</summary>
internal static class ServiceSources
{
    public static string Directory { get; } = Find();

    /// <summary>Every .cs file, by its path relative to the project folder with '/' separators.</summary>
    public static IEnumerable<(string Path, string Text)> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(System.IO.Path.Combine(Directory, p))));

    public static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "src", "Samordning.FollowUp");
            if (File.Exists(System.IO.Path.Combine(candidate, "Samordning.FollowUp.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Samordning.FollowUp not found above " + AppContext.BaseDirectory);
    }
}
