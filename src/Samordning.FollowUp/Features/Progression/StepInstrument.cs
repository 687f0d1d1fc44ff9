using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>The step scale (1–5) as every association's first instrument, the same one <see cref="StepScaleSql"/> writes.</summary>
internal static class StepInstrument
{
    public static ProgressionInstrument For(long associationId, DateTime nowUtc) => new()
    {
        AssociationId = associationId,
        Code = StepScaleSql.Code,
        Version = 1,
        Name = "Stegförflyttning",
        ScaleMin = 1,
        ScaleMax = 5,
        AtStart = true,
        AtExit = true,
        ToleranceDays = 14,
        Rule = ProgressionRule.FactorImproved,
        RuleFactorCode = StepScaleSql.FactorCode,
        TargetPercent = 60,
        ValidFrom = new DateOnly(2000, 1, 1),
        CreatedAtUtc = nowUtc,
        Factors =
        [
            new()
            {
                Position = 1, Code = StepScaleSql.FactorCode, Label = "Steg",
                Description = "Steg på stegskalan, närmare arbetsmarknaden ju högre.", Direction = FactorDirection.HigherIsBetter,
            },
        ],
        ScaleLabels = [.. StepScaleSql.Labels.Select(l => new ProgressionScaleLabel { Value = l.Value, Label = l.Label })],
    };

    /// <summary>Brings the step instrument's measurements in line with the participations' steps (idempotent).</summary>
    public static async Task SyncAsync(FollowUpDbContext db, CancellationToken cancellationToken)
    {
        foreach (var statement in StepScaleSql.Statements())
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }
}
