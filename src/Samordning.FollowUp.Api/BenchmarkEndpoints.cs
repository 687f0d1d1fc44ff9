using System.Text.Json.Serialization;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Api;

/// <summary>
/// The intake benchmark's floor (tests/scripts/benchmark-intake.sh, README "Performance"): the same
/// service, the same sign-in and per-request session check, and one INSERT of an anonymous
/// participant row — nothing of the intake's access rule, validation, audit line or response.
/// Mapped only when the environment is "Benchmark" and <c>Benchmark:BareInsertEndpoint</c> is true:
/// never in Development, Testing or Production.
/// </summary>
internal static class BenchmarkEndpoints
{
    public const string Environment = "Benchmark";

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Environment.IsEnvironment(Environment) || !app.Configuration.GetValue<bool>("Benchmark:BareInsertEndpoint"))
        {
            return;
        }

        app.MapPost("/benchmark/bare-insert/{providerId:long}", async (long providerId, BareInsertBody body, FollowUpDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var participant = new Participant
                {
                    ProviderId = providerId, Gender = body.Gender ?? Gender.Woman, BirthYear = body.BirthYear, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                };
                db.Participants.Add(participant);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/benchmark/bare-insert/{participant.Id}", new { participant.Id });
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    /// <summary>The intake's body is read as the intake reads it; two of its fields are used.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
    internal sealed record BareInsertBody(Gender? Gender, int? BirthYear);
}
