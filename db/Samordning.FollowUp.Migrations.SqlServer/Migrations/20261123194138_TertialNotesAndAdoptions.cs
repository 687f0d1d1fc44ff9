using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TertialNotesAndAdoptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportAdoptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Tertial = table.Column<int>(type: "int", nullable: false),
                    AdoptedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AdoptedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PeriodReport = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    YearToDateReport = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportAdoptions_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TertialNotes",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Tertial = table.Column<int>(type: "int", nullable: false),
                    ReferralFlowAndQueue = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    WhatWorked = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    DeviationsAndRisks = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TertialNotes", x => new { x.InterventionId, x.Year, x.Tertial });
                    table.ForeignKey(
                        name: "FK_TertialNotes_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportAdoptions_AssociationId_Year_Tertial",
                table: "ReportAdoptions",
                columns: new[] { "AssociationId", "Year", "Tertial" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportAdoptions");

            migrationBuilder.DropTable(
                name: "TertialNotes");
        }
    }
}
