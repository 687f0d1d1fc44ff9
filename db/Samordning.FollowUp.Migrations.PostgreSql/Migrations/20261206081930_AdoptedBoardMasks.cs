using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AdoptedBoardMasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BoardPeriodMasks",
                table: "ReportAdoptions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoardYearToDateMasks",
                table: "ReportAdoptions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BoardPeriodMasks",
                table: "ReportAdoptions");

            migrationBuilder.DropColumn(
                name: "BoardYearToDateMasks",
                table: "ReportAdoptions");
        }
    }
}
