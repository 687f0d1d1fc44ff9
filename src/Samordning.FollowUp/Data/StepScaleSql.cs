namespace Samordning.FollowUp.Data;

/// <summary>
/// The 1–5 step scale as a progression instrument (issue 21): the statements that give every
/// association its instrument STEG (version 1) and copy the steps recorded at start and exit into
/// its measurements. Plain SQL that SQLite, PostgreSQL and SQL Server all run, and idempotent: the
/// migration runs it once over the existing data, and the nightly computation runs it again so
/// that steps recorded or corrected since appear in the instrument too. Only the measurements it
/// wrote itself (recorded by <see cref="RecordedBy"/>) are touched.
/// </summary>
public static class StepScaleSql
{
    public const string Code = "STEG";
    public const string FactorCode = "STEG";
    public const string RecordedBy = "stegskalan";

    public static readonly IReadOnlyList<(int Value, string Label)> Labels =
    [
        (1, "Utanför, ingen aktivitet"),
        (2, "I kartläggande eller motiverande insats"),
        (3, "Arbetsförberedande insats eller arbetsträning"),
        (4, "Praktik, subventionerat arbete eller deltidsstudier"),
        (5, "Osubventionerat arbete eller reguljära studier"),
    ];

    private const string Instrument =
        $"""SELECT i."Id" FROM "ProgressionInstruments" i WHERE i."AssociationId" = v."AssociationId" AND i."Code" = '{Code}' AND i."Version" = 1""";

    /// <summary>Every statement, in order.</summary>
    public static IEnumerable<string> Statements()
    {
        // Booleans as '1': each database reads that literal as true in a boolean/bit/integer column.
        yield return $"""
            INSERT INTO "ProgressionInstruments" ("AssociationId", "Code", "Version", "Name", "ScaleMin", "ScaleMax", "AtStart", "AtExit",
                "ToleranceDays", "Rule", "RuleFactorCode", "TargetPercent", "ValidFrom", "CreatedAtUtc")
            SELECT a."Id", '{Code}', 1, 'Stegförflyttning', 1, 5, '1', '1', 14, {SqlCodes.FactorImproved}, '{FactorCode}', 60, '2000-01-01', a."CreatedAtUtc"
            FROM "Associations" a
            WHERE NOT EXISTS (SELECT 1 FROM "ProgressionInstruments" x WHERE x."AssociationId" = a."Id" AND x."Code" = '{Code}')
            """;
        yield return $"""
            INSERT INTO "ProgressionFactors" ("InstrumentId", "Position", "Code", "Label", "Description", "Direction")
            SELECT i."Id", 1, '{FactorCode}', 'Steg', 'Steg på stegskalan, närmare arbetsmarknaden ju högre.', {SqlCodes.HigherIsBetter}
            FROM "ProgressionInstruments" i
            WHERE i."Code" = '{Code}' AND i."Version" = 1
              AND NOT EXISTS (SELECT 1 FROM "ProgressionFactors" f WHERE f."InstrumentId" = i."Id")
            """;
        foreach (var (value, label) in Labels)
        {
            yield return $"""
                INSERT INTO "ProgressionScaleLabels" ("InstrumentId", "Value", "Label")
                SELECT i."Id", {value}, {SqlCodes.Text(label)}
                FROM "ProgressionInstruments" i
                WHERE i."Code" = '{Code}' AND i."Version" = 1
                  AND NOT EXISTS (SELECT 1 FROM "ProgressionScaleLabels" l WHERE l."InstrumentId" = i."Id" AND l."Value" = {value})
                """;
        }

        foreach (var (point, date, step, at) in new[]
                 {
                     (nameof(Domain.ProgressionPoint.Start), "StartDate", "StepAtStart", "CreatedAtUtc"),
                     (nameof(Domain.ProgressionPoint.Exit), "EndDate", "StepAtExit", "UpdatedAtUtc"),
                 })
        {
            // A step recorded since: a measurement at the point, dated the start or end date.
            yield return $"""
                INSERT INTO "ProgressionMeasurements" ("ParticipationId", "InstrumentId", "Point", "MeasuredOn", "RecordedBy", "RecordedAtUtc")
                SELECT p."Id", ({Instrument}), '{point}', p."{date}", '{RecordedBy}', p."{at}"
                FROM "Participations" p
                JOIN "Interventions" v ON v."Id" = p."InterventionId"
                WHERE p."{step}" IS NOT NULL AND p."{date}" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "ProgressionMeasurements" m
                      WHERE m."ParticipationId" = p."Id" AND m."RecordedBy" = '{RecordedBy}' AND m."Point" = '{point}')
                """;
            yield return $"""
                INSERT INTO "ProgressionScores" ("MeasurementId", "FactorCode", "Score")
                SELECT m."Id", '{FactorCode}', p."{step}"
                FROM "ProgressionMeasurements" m
                JOIN "Participations" p ON p."Id" = m."ParticipationId"
                WHERE m."RecordedBy" = '{RecordedBy}' AND m."Point" = '{point}' AND p."{step}" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "ProgressionScores" s WHERE s."MeasurementId" = m."Id")
                """;

            // A step or date corrected since.
            yield return $"""
                UPDATE "ProgressionScores" SET "Score" = (SELECT p."{step}" FROM "ProgressionMeasurements" m
                    JOIN "Participations" p ON p."Id" = m."ParticipationId" WHERE m."Id" = "ProgressionScores"."MeasurementId")
                WHERE EXISTS (SELECT 1 FROM "ProgressionMeasurements" m JOIN "Participations" p ON p."Id" = m."ParticipationId"
                    WHERE m."Id" = "ProgressionScores"."MeasurementId" AND m."RecordedBy" = '{RecordedBy}' AND m."Point" = '{point}'
                      AND p."{step}" IS NOT NULL AND p."{step}" <> "ProgressionScores"."Score")
                """;
            yield return $"""
                UPDATE "ProgressionMeasurements" SET "MeasuredOn" = (SELECT p."{date}" FROM "Participations" p
                    WHERE p."Id" = "ProgressionMeasurements"."ParticipationId")
                WHERE "RecordedBy" = '{RecordedBy}' AND "Point" = '{point}'
                  AND EXISTS (SELECT 1 FROM "Participations" p WHERE p."Id" = "ProgressionMeasurements"."ParticipationId"
                      AND p."{date}" IS NOT NULL AND p."{date}" <> "ProgressionMeasurements"."MeasuredOn")
                """;

            // A step removed since (or an exit undone): its measurement goes, with its score.
            yield return $"""
                DELETE FROM "ProgressionScores" WHERE EXISTS (SELECT 1 FROM "ProgressionMeasurements" m
                    JOIN "Participations" p ON p."Id" = m."ParticipationId"
                    WHERE m."Id" = "ProgressionScores"."MeasurementId" AND m."RecordedBy" = '{RecordedBy}' AND m."Point" = '{point}'
                      AND (p."{step}" IS NULL OR p."{date}" IS NULL))
                """;
            yield return $"""
                DELETE FROM "ProgressionMeasurements" WHERE "RecordedBy" = '{RecordedBy}' AND "Point" = '{point}'
                  AND NOT EXISTS (SELECT 1 FROM "ProgressionScores" s WHERE s."MeasurementId" = "ProgressionMeasurements"."Id")
                """;
        }
    }
}
