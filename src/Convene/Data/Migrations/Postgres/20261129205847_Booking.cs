using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTime>(
                name: "StartLocal",
                table: "Meetings",
                type: "timestamp without time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");

            migrationBuilder.AlterColumn<DateTime>(
                name: "RecurrenceIdLocal",
                table: "Meetings",
                type: "timestamp without time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "EndLocal",
                table: "Meetings",
                type: "timestamp without time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");


            migrationBuilder.AlterColumn<DateTime>(
                name: "FirstStartLocal",
                table: "MeetingSeries",
                type: "timestamp without time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");

            migrationBuilder.AlterColumn<DateTime>(
                name: "FirstEndLocal",
                table: "MeetingSeries",
                type: "timestamp without time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings",
                columns: new[] { "BridgeId", "HoldFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizerId_StartUtc",
                table: "Meetings",
                columns: new[] { "OrganizerId", "StartUtc" });

            // Two holds of one placeholder never overlap (half-open [from, until) ranges): the database refuses the
            // second booking of a race with SQLSTATE 23P01, which the booking code reads as "taken, look again".
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql("""
                ALTER TABLE "Meetings" ADD CONSTRAINT "EX_Meetings_PlaceholderHold"
                EXCLUDE USING gist ("PlaceholderId" WITH =, tstzrange("HoldFromUtc", "HoldUntilUtc") WITH &&)
                WHERE ("PlaceholderId" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Meetings" DROP CONSTRAINT IF EXISTS "EX_Meetings_PlaceholderHold";""");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_BridgeId_HoldFromUtc",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizerId_StartUtc",
                table: "Meetings");


            migrationBuilder.AlterColumn<DateTime>(
                name: "StartLocal",
                table: "Meetings",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone");

            migrationBuilder.AlterColumn<DateTime>(
                name: "RecurrenceIdLocal",
                table: "Meetings",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "EndLocal",
                table: "Meetings",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone");

            migrationBuilder.AlterColumn<DateTime>(
                name: "FirstStartLocal",
                table: "MeetingSeries",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone");

            migrationBuilder.AlterColumn<DateTime>(
                name: "FirstEndLocal",
                table: "MeetingSeries",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone");
        }
    }
}
