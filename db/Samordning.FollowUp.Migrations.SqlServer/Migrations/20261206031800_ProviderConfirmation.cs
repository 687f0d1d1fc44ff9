using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProviderConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ProviderConfirmedAtUtc",
                table: "AspNetUsers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderConfirmedByUserId",
                table: "AspNetUsers",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            // Coaches who could see their provider's participants before this change keep that right:
            // the provider's confirmation is asked of accounts made coaches from now on.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"ProviderConfirmedAtUtc\" = \"CreatedAtUtc\" WHERE \"Role\" = 'Coach'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProviderConfirmedAtUtc",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProviderConfirmedByUserId",
                table: "AspNetUsers");
        }
    }
}
