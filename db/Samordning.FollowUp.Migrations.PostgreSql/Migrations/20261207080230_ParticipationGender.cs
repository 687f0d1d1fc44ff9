using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ParticipationGender : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Gender",
                table: "Participations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Each participation carries its person's gender from now on (ParticipationGenders); existing rows take it here.
            migrationBuilder.Sql("""
                UPDATE "Participations" AS p SET "Gender" = x."Gender" FROM "Participants" AS x WHERE x."Id" = p."ParticipantId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Gender",
                table: "Participations");
        }
    }
}
