using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings",
                columns: new[] { "BridgeId", "HoldFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizerId_StartUtc",
                table: "Meetings",
                columns: new[] { "OrganizerId", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizerId_StartUtc",
                table: "Meetings");

        }
    }
}
