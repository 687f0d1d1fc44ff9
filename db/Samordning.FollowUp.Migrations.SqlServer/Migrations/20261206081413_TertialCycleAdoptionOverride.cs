using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
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
                type: "nvarchar(2000)",
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
