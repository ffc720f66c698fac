using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParticipantVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "MeetingParticipants",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "MeetingParticipants");
        }
    }
}
