using Microsoft.AspNetCore.Identity;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Benchmarks;

/// <summary>
/// The intake benchmark's data (tests/scripts/benchmark-intake.sh): the benchmark association made
/// through the service's own commands and a coach of the provider of its first anonymous
/// intervention, confirmed, with a password, and the association's office (the reader the script
/// may have read a report, so that the service keeps it warm during the load). Prints shell
/// assignments the script reads.
/// </summary>
internal static class IntakeSetup
{
    public const string Password = "Benchmark-losenord-2026";

    public static async Task RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var (associationId, interventions) = await BenchmarkData.CreateAssociationAsync(scope.ServiceProvider, "Benchmarkförbundet");
        var intervention = interventions.First(i => i.Mode == RegistrationMode.AnonymousIndividual);
        var email = $"coach-{Guid.NewGuid():N}@bench.example";
        var office = $"office-{Guid.NewGuid():N}@bench.example";
        var now = DateTime.UtcNow;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        await CreateAsync(new UserAccount
        {
            UserName = email, Email = email, DisplayName = "Bänkcoach", Role = UserRole.Coach,
            ProviderId = intervention.ProviderId, CreatedAtUtc = now, ProviderConfirmedAtUtc = now,
        });
        await CreateAsync(new UserAccount
        {
            UserName = office, Email = office, DisplayName = "Bänkkansli", Role = UserRole.AssociationAdmin,
            AssociationId = associationId, CreatedAtUtc = now,
        });

        Console.WriteLine($"ASSOCIATION={associationId}");
        Console.WriteLine($"OFFICE={office}");
        Console.WriteLine($"INTERVENTION={intervention.Id}");
        Console.WriteLine($"PROVIDER={intervention.ProviderId}");
        Console.WriteLine($"EMAIL={email}");
        Console.WriteLine($"PASSWORD={Password}");

        async Task CreateAsync(UserAccount user)
        {
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
