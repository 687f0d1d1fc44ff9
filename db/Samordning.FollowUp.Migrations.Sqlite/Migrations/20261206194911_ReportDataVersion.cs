using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportDataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Moves after every committed change of report data (Data/ReportDataVersion.cs).
            migrationBuilder.Sql("CREATE TABLE \"ReportDataVersion\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Epoch\" TEXT NOT NULL, \"Version\" INTEGER NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE \"ReportDataVersion\";");
        }
    }
}
