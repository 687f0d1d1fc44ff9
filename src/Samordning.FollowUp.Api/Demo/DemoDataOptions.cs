using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Api.Demo;

/// <summary>"DemoData": seed a demo association into an empty database at start (Development).</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; }

    /// <summary>Seed of the random generator: the same seed and the same day give the same data.</summary>
    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 20240101;
}
