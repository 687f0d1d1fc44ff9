using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddEconomy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdministrationCosts",
                columns: table => new
                {
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BudgetSek = table.Column<long>(type: "bigint", nullable: false),
                    ForecastSek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial1Sek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial2Sek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial3Sek = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdministrationCosts", x => new { x.AssociationId, x.Year, x.Category });
                    table.ForeignKey(
                        name: "FK_AdministrationCosts_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssociationMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssociationMembers_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EconomyYears",
                columns: table => new
                {
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    TotalContributionSek = table.Column<long>(type: "bigint", nullable: true),
                    RoundingUnitSek = table.Column<int>(type: "integer", nullable: false),
                    OpeningEquitySek = table.Column<long>(type: "bigint", nullable: true),
                    EsfIncomeSek = table.Column<long>(type: "bigint", nullable: false),
                    ProjectIncomeSek = table.Column<long>(type: "bigint", nullable: false),
                    OtherIncomeSek = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EconomyYears", x => new { x.AssociationId, x.Year });
                    table.ForeignKey(
                        name: "FK_EconomyYears_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FinancialTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AmountSek = table.Column<long>(type: "bigint", nullable: true),
                    BasisPoints = table.Column<int>(type: "integer", nullable: true),
                    WindowYears = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinancialTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FinancialTargets_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterventionCosts",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ForecastSek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial1Sek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial2Sek = table.Column<long>(type: "bigint", nullable: true),
                    Tertial3Sek = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionCosts", x => new { x.InterventionId, x.Year });
                    table.ForeignKey(
                        name: "FK_InterventionCosts_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberYears",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ContributionSek = table.Column<long>(type: "bigint", nullable: true),
                    Population = table.Column<int>(type: "integer", nullable: true),
                    PopulationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberYears", x => new { x.MemberId, x.Year });
                    table.ForeignKey(
                        name: "FK_MemberYears_AssociationMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AssociationMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssociationMembers_AssociationId_Name",
                table: "AssociationMembers",
                columns: new[] { "AssociationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FinancialTargets_AssociationId",
                table: "FinancialTargets",
                column: "AssociationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdministrationCosts");

            migrationBuilder.DropTable(
                name: "EconomyYears");

            migrationBuilder.DropTable(
                name: "FinancialTargets");

            migrationBuilder.DropTable(
                name: "InterventionCosts");

            migrationBuilder.DropTable(
                name: "MemberYears");

            migrationBuilder.DropTable(
                name: "AssociationMembers");
        }
    }
}
