using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samordning.FollowUp.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Places",
                table: "Interventions",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    InterventionId = table.Column<long>(type: "bigint", nullable: false),
                    ParticipantId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReferredBy = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ReferringTeam = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentTextVersion = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ConsentCollectedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlannedStartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DeclinedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeclineReason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ParticipationId = table.Column<long>(type: "bigint", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    IdempotencyFingerprint = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Interventions_InterventionId",
                        column: x => x.InterventionId,
                        principalTable: "Interventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Participations_ParticipationId",
                        column: x => x.ParticipationId,
                        principalTable: "Participations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_InterventionId_IdempotencyKey",
                table: "Referrals",
                columns: new[] { "InterventionId", "IdempotencyKey" },
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_InterventionId_State_ReceivedOn",
                table: "Referrals",
                columns: new[] { "InterventionId", "State", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OneWaitingPerPerson",
                table: "Referrals",
                columns: new[] { "InterventionId", "ParticipantId" },
                unique: true,
                filter: "\"State\" IN ('Received', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ParticipantId",
                table: "Referrals",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ParticipationId",
                table: "Referrals",
                column: "ParticipationId",
                unique: true,
                filter: "[ParticipationId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropColumn(
                name: "Places",
                table: "Interventions");
        }
    }
}
