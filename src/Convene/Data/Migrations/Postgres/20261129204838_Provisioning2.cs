using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Provisioning2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BulkSyncId",
                table: "Bridges",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DemoBridges",
                columns: table => new
                {
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoBridges", x => x.BridgeId);
                    table.ForeignKey(
                        name: "FK_DemoBridges_Bridges_BridgeId",
                        column: x => x.BridgeId,
                        principalTable: "Bridges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DemoBridges");

            migrationBuilder.DropColumn(
                name: "BulkSyncId",
                table: "Bridges");
        }
    }
}
