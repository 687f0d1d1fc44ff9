using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TertialCountsAndContactAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.CreateTable(
                name: "ContactAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FollowUpId = table.Column<long>(type: "INTEGER", nullable: false),
                    AttemptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactAttempts_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterventionTertialCounts",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Tertial = table.Column<int>(type: "INTEGER", nullable: false),
                    Women = table.Column<int>(type: "INTEGER", nullable: false),
                    Men = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionTertialCounts", x => new { x.InterventionId, x.Year, x.Tertial });
                    table.ForeignKey(
                        name: "FK_InterventionTertialCounts_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each yearly figure becomes its year's T1 figure: every year-to-date report and the
            // Uppföljning Finsam export (the year's T3, year to date) read the same as before.
            migrationBuilder.Sql(
                "INSERT INTO \"InterventionTertialCounts\" (\"InterventionId\", \"Year\", \"Tertial\", \"Women\", \"Men\", \"UpdatedAtUtc\") " +
                "SELECT \"InterventionId\", \"Year\", 1, \"Women\", \"Men\", \"UpdatedAtUtc\" FROM \"InterventionYearCounts\"");

            migrationBuilder.DropTable(
                name: "InterventionYearCounts");

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttempts_FollowUpId_AttemptedOn_Outcome",
                table: "ContactAttempts",
                columns: new[] { "FollowUpId", "AttemptedOn", "Outcome" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactAttempts");


            migrationBuilder.CreateTable(
                name: "InterventionYearCounts",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Men = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Women = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionYearCounts", x => new { x.InterventionId, x.Year });
                    table.ForeignKey(
                        name: "FK_InterventionYearCounts_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql(
                "INSERT INTO \"InterventionYearCounts\" (\"InterventionId\", \"Year\", \"Women\", \"Men\", \"UpdatedAtUtc\") " +
                "SELECT \"InterventionId\", \"Year\", SUM(\"Women\"), SUM(\"Men\"), MAX(\"UpdatedAtUtc\") FROM \"InterventionTertialCounts\" " +
                "GROUP BY \"InterventionId\", \"Year\"");

            migrationBuilder.DropTable(
                name: "InterventionTertialCounts");
        }
    }
}
