using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastReferredBy",
                table: "AspNetUsers",
                type: "character varying(32)",
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
