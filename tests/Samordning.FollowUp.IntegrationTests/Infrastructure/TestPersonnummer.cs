namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// Skatteverket's test personnummer (Data/testpersonnummer-1890-1999.txt), the only numbers
/// tests may use. Always 12 digits YYYYMMDDNNNC.
/// </summary>
public static class TestPersonnummer
{
    private static readonly Lazy<string[]> All = new(() => File.ReadAllLines(
        Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt"))
        .Select(l => l.Trim()).Where(l => l.Length == 12).ToArray());

    // Born 1960–1999: adults, far from any century ambiguity.
    private static readonly Lazy<string[]> Women = new(() => Pick(gender: 0));
    private static readonly Lazy<string[]> Men = new(() => Pick(gender: 1));

    /// <summary>The n:th test number of a woman (second-to-last digit even).</summary>
    public static string Woman(int n = 0) => Women.Value[n];

    /// <summary>The n:th test number of a man (second-to-last digit odd).</summary>
    public static string Man(int n = 0) => Men.Value[n];

    /// <summary>YYYYMMDD-NNNC, another accepted way to write the same number.</summary>
    public static string WithDash(string twelveDigits) => $"{twelveDigits[..8]}-{twelveDigits[8..]}";

    /// <summary>YYYYMMDD-****, as the API shows it.</summary>
    public static string Masked(string twelveDigits) => $"{twelveDigits[..8]}-****";

    /// <summary>The same number with a check digit that does not match.</summary>
    public static string WithWrongCheckDigit(string twelveDigits) =>
        string.Concat(twelveDigits.AsSpan(0, 11), ((twelveDigits[11] - '0' + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string[] Pick(int gender) =>
        [.. All.Value.Where(n => n.CompareTo("1960") >= 0 && (n[10] - '0') % 2 == gender)];
}
