using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Samordning.FollowUp.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpAnswerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FollowUpContactConsent",
                table: "Participations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "ContactCipher",
                table: "Participants",
                type: "bytea",
                maxLength: 512,
                nullable: true);

            // Every result recorded before the answer link was the coach's.
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "FollowUpResults",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Coach");

            migrationBuilder.CreateTable(
                name: "FollowUpInvitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FollowUpId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClaimedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentByEmail = table.Column<bool>(type: "boolean", nullable: false),
                    SentBySms = table.Column<bool>(type: "boolean", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CallRequested = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpInvitations_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpResultRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FollowUpId = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContactedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Occupation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ExtentPercent = table.Column<int>(type: "integer", nullable: true),
                    IncomeSources = table.Column<string[]>(type: "text[]", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplacedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplacedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpResultRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpResultRevisions_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpInvitations_FollowUpId_Kind",
                table: "FollowUpInvitations",
                columns: new[] { "FollowUpId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpInvitations_TokenHash",
                table: "FollowUpInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpResultRevisions_FollowUpId",
                table: "FollowUpResultRevisions",
                column: "FollowUpId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpInvitations");

            migrationBuilder.DropTable(
                name: "FollowUpResultRevisions");

            migrationBuilder.DropColumn(
                name: "FollowUpContactConsent",
                table: "Participations");

            migrationBuilder.DropColumn(
                name: "ContactCipher",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "FollowUpResults");
        }
    }
}
