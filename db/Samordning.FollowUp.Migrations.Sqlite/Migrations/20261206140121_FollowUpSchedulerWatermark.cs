using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpSchedulerWatermark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobWatermarks",
                columns: table => new
                {
                    Job = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangesSeenUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRunOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastFullPassOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobWatermarks", x => x.Job);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_UpdatedAtUtc",
                table: "Participations",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_DueDate",
                table: "FollowUps",
                column: "DueDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobWatermarks");

            migrationBuilder.DropIndex(
                name: "IX_Participations_UpdatedAtUtc",
                table: "Participations");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_DueDate",
                table: "FollowUps");
        }
    }
}
