using System.Text.RegularExpressions;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests.Data;

/// <summary>Codes in hand-written SQL are made from the enums, so renaming a member cannot break a query silently.</summary>
public sealed partial class SqlCodeTests
{
    /// <summary>Every member name of the service's code lists (the enums in Domain).</summary>
    private static readonly HashSet<string> CodeNames =
    [
        .. typeof(ExitReason).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(ExitReason).Namespace)
            .SelectMany(Enum.GetNames),
    ];

    [Fact]
    public void NoSourceFile_SpellsACodeAsAnSqlLiteral()
    {
        var literals = ServiceSources.Files()
            .SelectMany(f => QuotedWord().Matches(f.Text)
                .Where(m => CodeNames.Contains(m.Groups[1].Value))
                .Select(m => $"{f.Path}:{ServiceSources.Line(f.Text, m.Index)} {m.Value}"))
            .ToList();

        Assert.True(literals.Count == 0,
            "Write these codes with SqlCodes (nameof) instead of a literal:\n" + string.Join("\n", literals));
    }

    [Fact]
    public void CodeNames_AreFound_SoTheScanCanFail()
    {
        Assert.Contains(nameof(FollowUpStatus.Upcoming), CodeNames);
        Assert.Contains(nameof(ExitReason.RegisteredInError), CodeNames);
        Assert.Contains(nameof(RegistrationMode.Identified), CodeNames);
        Assert.Equal(["'Upcoming'"], QuotedWord().Matches("""WHEN "DueDate" > {1} THEN 'Upcoming'""").Select(m => m.Value));
    }

    [Fact]
    public void ExitsWithoutOutcome_InSql_AreTheDomainSet()
    {
        Assert.Equal(
            string.Join(", ", ExitReasons.WithoutOutcome.Select(r => $"'{r}'")),
            SqlCodes.ExitsWithoutOutcome);
        Assert.Equal("'RegisteredInError', 'Deceased'", SqlCodes.ExitsWithoutOutcome);
    }

    [Fact]
    public void Text_DoublesQuotes()
    {
        Assert.Equal("'Lagringstiden löpte ut'", SqlCodes.Text("Lagringstiden löpte ut"));
        Assert.Equal("'O''Brien'", SqlCodes.Text("O'Brien"));
    }

    [GeneratedRegex(@"'(\w+)'")]
    private static partial Regex QuotedWord();
}
