using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TertialCycleAdoptionOverride : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OverrideReason",
                table: "ReportAdoptions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OverrideReason",
                table: "ReportAdoptions");
        }
    }
}
