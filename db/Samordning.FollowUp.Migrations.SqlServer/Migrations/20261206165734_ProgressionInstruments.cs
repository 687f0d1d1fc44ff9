using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProgressionInstruments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgressionInstruments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    ScaleMin = table.Column<int>(type: "int", nullable: false),
                    ScaleMax = table.Column<int>(type: "int", nullable: false),
                    AtStart = table.Column<bool>(type: "bit", nullable: false),
                    EveryWeeks = table.Column<int>(type: "int", nullable: true),
                    AtExit = table.Column<bool>(type: "bit", nullable: false),
                    ToleranceDays = table.Column<int>(type: "int", nullable: false),
                    Rule = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    MinMeanImprovement = table.Column<double>(type: "float", nullable: true),
                    MinFactorsImproved = table.Column<int>(type: "int", nullable: true),
                    RuleFactorCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    TargetPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionInstruments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionInstruments_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionFactorChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Tertial = table.Column<int>(type: "int", nullable: true),
                    Mode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    InterventionId = table.Column<long>(type: "bigint", nullable: true),
                    FactorCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Improved = table.Column<int>(type: "int", nullable: false),
                    Unchanged = table.Column<int>(type: "int", nullable: false),
                    Worsened = table.Column<int>(type: "int", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionFactorChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionFactorChanges_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressionFactorChanges_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionFactors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Label = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Direction = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionFactors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionFactors_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionInstrumentInterventions",
                columns: table => new
                {
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    InterventionId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionInstrumentInterventions", x => new { x.InstrumentId, x.InterventionId });
                    table.ForeignKey(
                        name: "FK_ProgressionInstrumentInterventions_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressionInstrumentInterventions_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionMeasurements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ParticipationId = table.Column<long>(type: "bigint", nullable: false),
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    Point = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    MeasuredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CorrectsId = table.Column<long>(type: "bigint", nullable: true),
                    CorrectedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionMeasurements_Participations_ParticipationId",
                        column: x => x.ParticipationId,
                        principalTable: "Participations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressionMeasurements_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    InstrumentVersion = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Tertial = table.Column<int>(type: "int", nullable: true),
                    Mode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    InterventionId = table.Column<long>(type: "bigint", nullable: true),
                    Gender = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Numerator = table.Column<int>(type: "int", nullable: false),
                    Denominator = table.Column<int>(type: "int", nullable: false),
                    MissingData = table.Column<int>(type: "int", nullable: false),
                    Rate = table.Column<double>(type: "float", nullable: true),
                    TargetPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    Met = table.Column<bool>(type: "bit", nullable: true),
                    TooFew = table.Column<bool>(type: "bit", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionResults_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressionResults_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionScaleLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    InstrumentId = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<int>(type: "int", nullable: false),
                    Label = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionScaleLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionScaleLabels_ProgressionInstruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "ProgressionInstruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressionScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeasurementId = table.Column<long>(type: "bigint", nullable: false),
                    FactorCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Score = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressionScores_ProgressionMeasurements_MeasurementId",
                        column: x => x.MeasurementId,
                        principalTable: "ProgressionMeasurements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionFactorChanges_AssociationId_Year_Tertial_Mode_InterventionId",
                table: "ProgressionFactorChanges",
                columns: new[] { "AssociationId", "Year", "Tertial", "Mode", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionFactorChanges_InstrumentId",
                table: "ProgressionFactorChanges",
                column: "InstrumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionFactors_InstrumentId_Code",
                table: "ProgressionFactors",
                columns: new[] { "InstrumentId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionInstrumentInterventions_InterventionId",
                table: "ProgressionInstrumentInterventions",
                column: "InterventionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionInstruments_AssociationId_Code_Version",
                table: "ProgressionInstruments",
                columns: new[] { "AssociationId", "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionMeasurements_CorrectsId",
                table: "ProgressionMeasurements",
                column: "CorrectsId",
                unique: true,
                filter: "[CorrectsId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionMeasurements_InstrumentId",
                table: "ProgressionMeasurements",
                column: "InstrumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionMeasurements_ParticipationId_MeasuredOn",
                table: "ProgressionMeasurements",
                columns: new[] { "ParticipationId", "MeasuredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionResults_AssociationId_Year_Tertial_Mode_InterventionId",
                table: "ProgressionResults",
                columns: new[] { "AssociationId", "Year", "Tertial", "Mode", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionResults_InstrumentId",
                table: "ProgressionResults",
                column: "InstrumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionScaleLabels_InstrumentId_Value",
                table: "ProgressionScaleLabels",
                columns: new[] { "InstrumentId", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressionScores_MeasurementId_FactorCode",
                table: "ProgressionScores",
                columns: new[] { "MeasurementId", "FactorCode" },
                unique: true);

            // The step scale becomes every association's instrument STEG; the steps recorded so far its measurements.
            foreach (var statement in Samordning.FollowUp.Data.StepScaleSql.Statements())
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgressionFactorChanges");

            migrationBuilder.DropTable(
                name: "ProgressionFactors");

            migrationBuilder.DropTable(
                name: "ProgressionInstrumentInterventions");

            migrationBuilder.DropTable(
                name: "ProgressionResults");

            migrationBuilder.DropTable(
                name: "ProgressionScaleLabels");

            migrationBuilder.DropTable(
                name: "ProgressionScores");

            migrationBuilder.DropTable(
                name: "ProgressionMeasurements");

            migrationBuilder.DropTable(
                name: "ProgressionInstruments");
        }
    }
}
