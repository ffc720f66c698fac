using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CallId",
                table: "Meetings",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CallNodeId",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EarlyJoinMinutes",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EndWarnings",
                table: "Meetings",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ExtendMode",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Extensions",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "HoldFromUtc",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "HoldUntilUtc",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "IsException",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Launch",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Locked",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "OrganizerId",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganizerName",
                table: "Meetings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Pin",
                table: "Meetings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PlaceholderId",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecurrenceIdLocal",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Secret",
                table: "Meetings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "MeetingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimeUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: true),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingEvents_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    DialOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallLegId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AudioMuted = table.Column<bool>(type: "INTEGER", nullable: false),
                    VideoMuted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recurrence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExceptionDates = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    FirstStartLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstEndLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExpandedUntilUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    IsOpenEnded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingSeries", x => x.Id);
                });

            // SQLite adds a column with its foreign key in place (ALTER TABLE ... ADD ... REFERENCES, allowed for a column
            // that defaults to NULL). AddColumn followed by AddForeignKey made EF rebuild the table instead: a copy of every
            // meeting, a DROP and a RENAME split over several transactions around PRAGMA foreign_keys, which a crash could
            // leave half done.
            migrationBuilder.Sql("""
                ALTER TABLE "Meetings" ADD "SeriesId" TEXT NULL
                CONSTRAINT "FK_Meetings_MeetingSeries_SeriesId" REFERENCES "MeetingSeries" ("Id") ON DELETE CASCADE;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc",
                table: "Meetings",
                columns: new[] { "PlaceholderId", "HoldFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_SeriesId",
                table: "Meetings",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingEvents_MeetingId_Id",
                table: "MeetingEvents",
                columns: new[] { "MeetingId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_MeetingId",
                table: "MeetingParticipants",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_OwnerId",
                table: "MeetingParticipants",
                column: "OwnerId",
                unique: true);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_MeetingSeries_SeriesId",
                table: "Meetings");

            migrationBuilder.DropTable(
                name: "MeetingEvents");

            migrationBuilder.DropTable(
                name: "MeetingParticipants");

            migrationBuilder.DropTable(
                name: "MeetingSeries");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_SeriesId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "CallId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "CallNodeId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "EarlyJoinMinutes",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "EndWarnings",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ExtendMode",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Extensions",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "HoldFromUtc",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "HoldUntilUtc",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "IsException",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Launch",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Locked",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "OrganizerId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "OrganizerName",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Pin",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "PlaceholderId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "RecurrenceIdLocal",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Secret",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Meetings");
        }
    }
}
