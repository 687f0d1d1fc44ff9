using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpsAndIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Providers",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ParticipationId = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DueNotifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OverdueNotifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Participations_ParticipationId",
                        column: x => x.ParticipationId,
                        principalTable: "Participations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorDefinitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    MeasurementPoint = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Orientation = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Categories = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RegistrationModes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ExcludedExitReasons = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SuccessRule = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SuccessOccupations = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TargetPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorDefinitions_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ForDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    ItemCount = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EmailSentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpResults",
                columns: table => new
                {
                    FollowUpId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ContactedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Occupation = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ExtentPercent = table.Column<int>(type: "int", nullable: true),
                    IncomeSources = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpResults", x => x.FollowUpId);
                    table.ForeignKey(
                        name: "FK_FollowUpResults_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    DefinitionId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Tertial = table.Column<int>(type: "int", nullable: true),
                    Mode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    InterventionId = table.Column<long>(type: "bigint", nullable: true),
                    Gender = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Numerator = table.Column<int>(type: "int", nullable: false),
                    Denominator = table.Column<int>(type: "int", nullable: false),
                    MissingData = table.Column<int>(type: "int", nullable: false),
                    Reached = table.Column<int>(type: "int", nullable: true),
                    Rate = table.Column<double>(type: "float", nullable: true),
                    RateOfReached = table.Column<double>(type: "float", nullable: true),
                    ResponseRate = table.Column<double>(type: "float", nullable: true),
                    TargetPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    Met = table.Column<bool>(type: "bit", nullable: true),
                    TooFew = table.Column<bool>(type: "bit", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorResults_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IndicatorResults_IndicatorDefinitions_DefinitionId",
                        column: x => x.DefinitionId,
                        principalTable: "IndicatorDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_EndDate_InterventionId",
                table: "Participations",
                columns: new[] { "EndDate", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ParticipationId",
                table: "FollowUps",
                column: "ParticipationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_Status_DueDate",
                table: "FollowUps",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorDefinitions_AssociationId_Code_Version",
                table: "IndicatorDefinitions",
                columns: new[] { "AssociationId", "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorResults_AssociationId_Year_Tertial_Mode_InterventionId",
                table: "IndicatorResults",
                columns: new[] { "AssociationId", "Year", "Tertial", "Mode", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorResults_DefinitionId",
                table: "IndicatorResults",
                column: "DefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AssociationId_ProviderId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "AssociationId", "ProviderId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpResults");

            migrationBuilder.DropTable(
                name: "IndicatorResults");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "IndicatorDefinitions");

            migrationBuilder.DropIndex(
                name: "IX_Participations_EndDate_InterventionId",
                table: "Participations");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Providers");
        }
    }
}
