namespace Samordning.FollowUp.ClientTests;

/// <summary>Skatteverket's test personnummer (db/seed), one the demo data is unlikely to hold at the coach's provider.</summary>
public static class TestPersonnummer
{
    public static string Unused()
    {
        var all = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt"))
            .Where(l => l.Length == 12 && l.All(char.IsAsciiDigit)).ToList();
        return all[Random.Shared.Next(all.Count / 2, all.Count)];
    }
}
