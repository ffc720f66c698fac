using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Live : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "InLobby",
                table: "MeetingParticipants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetryAtUtc",
                table: "MeetingParticipants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CdrNodeStates",
                columns: table => new
                {
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiverId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    ReceiverUri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Problem = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CheckedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastCdrUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdrNodeStates", x => x.NodeId);
                    table.ForeignKey(
                        name: "FK_CdrNodeStates_BridgeNodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "BridgeNodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CdrReceiverTokens",
                columns: table => new
                {
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdrReceiverTokens", x => x.BridgeId);
                    table.ForeignKey(
                        name: "FK_CdrReceiverTokens_Bridges_BridgeId",
                        column: x => x.BridgeId,
                        principalTable: "Bridges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CdrRecordsSeen",
                columns: table => new
                {
                    Session = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CorrelatorIndex = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdrRecordsSeen", x => new { x.Session, x.CorrelatorIndex });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_CallId",
                table: "Meetings",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_CallLegId",
                table: "MeetingParticipants",
                column: "CallLegId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_RetryAtUtc",
                table: "MeetingParticipants",
                column: "RetryAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CdrNodeStates_BridgeId",
                table: "CdrNodeStates",
                column: "BridgeId");

            migrationBuilder.CreateIndex(
                name: "IX_CdrRecordsSeen_ReceivedUtc",
                table: "CdrRecordsSeen",
                column: "ReceivedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CdrNodeStates");

            migrationBuilder.DropTable(
                name: "CdrReceiverTokens");

            migrationBuilder.DropTable(
                name: "CdrRecordsSeen");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_CallId",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_MeetingParticipants_CallLegId",
                table: "MeetingParticipants");

            migrationBuilder.DropIndex(
                name: "IX_MeetingParticipants_RetryAtUtc",
                table: "MeetingParticipants");

            migrationBuilder.DropColumn(
                name: "InLobby",
                table: "MeetingParticipants");

            migrationBuilder.DropColumn(
                name: "RetryAtUtc",
                table: "MeetingParticipants");
        }
    }
}
