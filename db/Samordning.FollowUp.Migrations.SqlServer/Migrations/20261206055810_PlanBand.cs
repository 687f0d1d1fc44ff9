using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlanBand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PlanAbovePercent",
                table: "Associations",
                type: "int",
                nullable: false,
                defaultValue: 110);

            migrationBuilder.AddColumn<int>(
                name: "PlanBelowPercent",
                table: "Associations",
                type: "int",
                nullable: false,
                defaultValue: 90);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlanAbovePercent",
                table: "Associations");

            migrationBuilder.DropColumn(
                name: "PlanBelowPercent",
                table: "Associations");
        }
    }
}
