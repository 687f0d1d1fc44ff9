using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CoveringReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Participations_InterventionId_EndDate",
                table: "Participations");

            migrationBuilder.DropIndex(
                name: "IX_Participations_InterventionId_StartDate_EndDate",
                table: "Participations");

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionExits",
                table: "Participations",
                columns: new[] { "InterventionId", "EndDate", "ExitReason", "OccupationAtExit", "Gender", "StepAtStart", "StepAtExit", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionPeriods",
                table: "Participations",
                columns: new[] { "InterventionId", "StartDate", "EndDate", "Gender", "ExitReason" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Participations_InterventionExits",
                table: "Participations");

            migrationBuilder.DropIndex(
                name: "IX_Participations_InterventionPeriods",
                table: "Participations");

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionId_EndDate",
                table: "Participations",
                columns: new[] { "InterventionId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionId_StartDate_EndDate",
                table: "Participations",
                columns: new[] { "InterventionId", "StartDate", "EndDate" });
        }
    }
}
