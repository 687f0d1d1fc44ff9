using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipationId = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueNotifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OverdueNotifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssociationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MeasurementPoint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Orientation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Categories = table.Column<string>(type: "TEXT", nullable: false),
                    RegistrationModes = table.Column<string>(type: "TEXT", nullable: false),
                    ExcludedExitReasons = table.Column<string>(type: "TEXT", nullable: false),
                    SuccessRule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SuccessOccupations = table.Column<string>(type: "TEXT", nullable: false),
                    TargetPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssociationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ForDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EmailSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpResults",
                columns: table => new
                {
                    FollowUpId = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContactedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Occupation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ExtentPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    IncomeSources = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssociationId = table.Column<long>(type: "INTEGER", nullable: false),
                    DefinitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Tertial = table.Column<int>(type: "INTEGER", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InterventionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Numerator = table.Column<int>(type: "INTEGER", nullable: false),
                    Denominator = table.Column<int>(type: "INTEGER", nullable: false),
                    MissingData = table.Column<int>(type: "INTEGER", nullable: false),
                    Reached = table.Column<int>(type: "INTEGER", nullable: true),
                    Rate = table.Column<double>(type: "REAL", nullable: true),
                    RateOfReached = table.Column<double>(type: "REAL", nullable: true),
                    ResponseRate = table.Column<double>(type: "REAL", nullable: true),
                    TargetPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Met = table.Column<bool>(type: "INTEGER", nullable: true),
                    TooFew = table.Column<bool>(type: "INTEGER", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
