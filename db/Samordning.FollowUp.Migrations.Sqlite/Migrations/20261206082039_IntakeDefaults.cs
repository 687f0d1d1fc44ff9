using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IntakeDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefaultConsentTextVersion",
                table: "Associations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastReferredBy",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultConsentTextVersion",
                table: "Associations");

            migrationBuilder.DropColumn(
                name: "LastReferredBy",
                table: "AspNetUsers");
        }
    }
}
