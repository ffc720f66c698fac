using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallInstances",
                columns: table => new
                {
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpaceId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    StartedUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallInstances", x => new { x.NodeId, x.CallId });
                    table.ForeignKey(
                        name: "FK_CallInstances_BridgeNodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "BridgeNodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CallInstances_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallInstances_MeetingId",
                table: "CallInstances",
                column: "MeetingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallInstances");
        }
    }
}
