using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Associations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SmallNumberThreshold = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Associations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ForDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EmailSentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorDefinitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MeasurementPoint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Orientation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Categories = table.Column<string[]>(type: "text[]", nullable: false),
                    RegistrationModes = table.Column<string[]>(type: "text[]", nullable: false),
                    ExcludedExitReasons = table.Column<string[]>(type: "text[]", nullable: false),
                    SuccessRule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SuccessOccupations = table.Column<string[]>(type: "text[]", nullable: false),
                    TargetPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "Providers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Providers_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportAdoptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Tertial = table.Column<int>(type: "integer", nullable: false),
                    AdoptedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AdoptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PeriodReport = table.Column<string>(type: "text", nullable: false),
                    YearToDateReport = table.Column<string>(type: "text", nullable: false)
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
                name: "IndicatorResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    DefinitionId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Tertial = table.Column<int>(type: "integer", nullable: true),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InterventionId = table.Column<long>(type: "bigint", nullable: true),
                    Gender = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Numerator = table.Column<int>(type: "integer", nullable: false),
                    Denominator = table.Column<int>(type: "integer", nullable: false),
                    MissingData = table.Column<int>(type: "integer", nullable: false),
                    Reached = table.Column<int>(type: "integer", nullable: true),
                    Rate = table.Column<double>(type: "double precision", nullable: true),
                    RateOfReached = table.Column<double>(type: "double precision", nullable: true),
                    ResponseRate = table.Column<double>(type: "double precision", nullable: true),
                    TargetPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Met = table.Column<bool>(type: "boolean", nullable: true),
                    TooFew = table.Column<bool>(type: "boolean", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "Interventions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssociationId = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Orientation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    RegistrationMode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Municipalities = table.Column<List<string>>(type: "text[]", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpectedLengthWeeks = table.Column<int>(type: "integer", nullable: true),
                    TargetGroup = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interventions_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Interventions_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Participants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<long>(type: "bigint", nullable: false),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    IdentityCipher = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: true),
                    IdentityHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Participants_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InterventionYearCounts",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Women = table.Column<int>(type: "integer", nullable: false),
                    Men = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionYearCounts", x => new { x.InterventionId, x.Year });
                    table.ForeignKey(
                        name: "FK_InterventionYearCounts_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterventionYearPlans",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    PlannedParticipants = table.Column<int>(type: "integer", nullable: false),
                    BudgetSek = table.Column<long>(type: "bigint", nullable: false),
                    ActualCostSek = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterventionYearPlans", x => new { x.InterventionId, x.Year });
                    table.ForeignKey(
                        name: "FK_InterventionYearPlans_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TertialNotes",
                columns: table => new
                {
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Tertial = table.Column<int>(type: "integer", nullable: false),
                    ReferralFlowAndQueue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    WhatWorked = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DeviationsAndRisks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "Participations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    ParticipantId = table.Column<long>(type: "bigint", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    HomeMunicipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReferredBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EducationLevel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TimeInPublicSupport = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OccupationAtStart = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExtentPercentAtStart = table.Column<int>(type: "integer", nullable: true),
                    IncomeSourcesAtStart = table.Column<string[]>(type: "text[]", nullable: false),
                    StepAtStart = table.Column<int>(type: "integer", nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentTextVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConsentCollectedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ExitReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OccupationAtExit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ExtentPercentAtExit = table.Column<int>(type: "integer", nullable: true),
                    IncomeSourcesAtExit = table.Column<string[]>(type: "text[]", nullable: false),
                    StepAtExit = table.Column<int>(type: "integer", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyFingerprint = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Participations_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participations_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ParticipationId = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueNotifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OverdueNotifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "FollowUpResults",
                columns: table => new
                {
                    FollowUpId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContactedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Occupation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ExtentPercent = table.Column<int>(type: "integer", nullable: true),
                    IncomeSources = table.Column<string[]>(type: "text[]", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_Associations_Name",
                table: "Associations",
                column: "Name",
                unique: true);

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
                name: "IX_IndicatorResults_AssociationId_Year_Tertial_Mode_Interventi~",
                table: "IndicatorResults",
                columns: new[] { "AssociationId", "Year", "Tertial", "Mode", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorResults_DefinitionId",
                table: "IndicatorResults",
                column: "DefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_AssociationId_Orientation_Category",
                table: "Interventions",
                columns: new[] { "AssociationId", "Orientation", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_ProviderId",
                table: "Interventions",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AssociationId_ProviderId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "AssociationId", "ProviderId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Participants_ProviderId_IdentityHash",
                table: "Participants",
                columns: new[] { "ProviderId", "IdentityHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Participations_EndDate_InterventionId",
                table: "Participations",
                columns: new[] { "EndDate", "InterventionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionId_IdempotencyKey",
                table: "Participations",
                columns: new[] { "InterventionId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Participations_InterventionId_StartDate_EndDate",
                table: "Participations",
                columns: new[] { "InterventionId", "StartDate", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_OneOpenPerPerson",
                table: "Participations",
                columns: new[] { "InterventionId", "ParticipantId" },
                unique: true,
                filter: "\"EndDate\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Participations_ParticipantId",
                table: "Participations",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Providers_AssociationId_Name",
                table: "Providers",
                columns: new[] { "AssociationId", "Name" },
                unique: true);

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
                name: "FollowUpResults");

            migrationBuilder.DropTable(
                name: "IndicatorResults");

            migrationBuilder.DropTable(
                name: "InterventionYearCounts");

            migrationBuilder.DropTable(
                name: "InterventionYearPlans");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "ReportAdoptions");

            migrationBuilder.DropTable(
                name: "TertialNotes");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "IndicatorDefinitions");

            migrationBuilder.DropTable(
                name: "Participations");

            migrationBuilder.DropTable(
                name: "Interventions");

            migrationBuilder.DropTable(
                name: "Participants");

            migrationBuilder.DropTable(
                name: "Providers");

            migrationBuilder.DropTable(
                name: "Associations");
        }
    }
}
