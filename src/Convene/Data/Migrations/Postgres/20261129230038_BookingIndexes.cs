using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BookingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc",
                table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc_HoldUntilUtc_PlaceholderId_Id",
                table: "Meetings",
                columns: new[] { "BridgeId", "HoldFromUtc", "HoldUntilUtc", "PlaceholderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc_HoldUntilUtc",
                table: "Meetings",
                columns: new[] { "PlaceholderId", "HoldFromUtc", "HoldUntilUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc_HoldUntilUtc_PlaceholderId_Id",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc_HoldUntilUtc",
                table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings",
                columns: new[] { "BridgeId", "HoldFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_PlaceholderId_HoldFromUtc",
                table: "Meetings",
                columns: new[] { "PlaceholderId", "HoldFromUtc" });
        }
    }
}
