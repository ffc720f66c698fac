using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "Meetings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The Quartz job store's tables (Convene.Lifecycle.QuartzSchema), apart from the model's changes.
            foreach (var statement in Convene.Lifecycle.QuartzSchema.Create(postgres: true))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Convene.Lifecycle.QuartzSchema.Drop())
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "Meetings");
        }
    }
}
