using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportDataMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportDataChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InterventionId = table.Column<long>(type: "bigint", nullable: true),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDataChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDataChanges_InterventionId_Stamp",
                table: "ReportDataChanges",
                columns: new[] { "InterventionId", "Stamp" });

            // One mark naming no intervention, so the data already here has a fingerprint and
            // report parts can be kept under it (Data/ReportDataMarks.cs).
            migrationBuilder.Sql("INSERT INTO \"ReportDataChanges\" (\"InterventionId\", \"Stamp\") VALUES (NULL, floor(random() * 1099511627775)::bigint + 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportDataChanges");
        }
    }
}
