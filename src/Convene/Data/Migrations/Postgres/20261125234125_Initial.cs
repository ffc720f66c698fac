using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Convene.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Bridges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SoftwareVersion = table.Column<string>(type: "text", nullable: true),
                    ClusterEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    ClusterId = table.Column<string>(type: "text", nullable: true),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    NumericIdBase = table.Column<long>(type: "bigint", nullable: true),
                    NumericIdQuantity = table.Column<int>(type: "integer", nullable: true),
                    AllowBooking = table.Column<bool>(type: "boolean", nullable: false),
                    AllowIncomingSipUriDialing = table.Column<bool>(type: "boolean", nullable: false),
                    AllowOutgoingSipUriDialing = table.Column<bool>(type: "boolean", nullable: false),
                    WebBridgeUri = table.Column<string>(type: "text", nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlaceholderPrefix = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CallProfileId = table.Column<string>(type: "text", nullable: true),
                    CallLegProfileId = table.Column<string>(type: "text", nullable: true),
                    BulkParameterSetId = table.Column<string>(type: "text", nullable: true),
                    ProvisionedBase = table.Column<long>(type: "bigint", nullable: true),
                    ProvisionedQuantity = table.Column<int>(type: "integer", nullable: true),
                    Provisioning = table.Column<int>(type: "integer", nullable: false),
                    ProvisioningError = table.Column<string>(type: "text", nullable: true),
                    PreferredNodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bridges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartLocal = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndLocal = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NumericId = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CancelReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Placeholders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumericId = table.Column<long>(type: "bigint", nullable: false),
                    SpaceId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Adopted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placeholders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatusSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reachable = table.Column<bool>(type: "boolean", nullable: false),
                    UptimeSeconds = table.Column<long>(type: "bigint", nullable: true),
                    CallLegsActive = table.Column<long>(type: "bigint", nullable: true),
                    CallLegsMaxActive = table.Column<long>(type: "bigint", nullable: true),
                    CallLegsCompleted = table.Column<long>(type: "bigint", nullable: true),
                    AudioBitRateOutgoing = table.Column<long>(type: "bigint", nullable: true),
                    AudioBitRateIncoming = table.Column<long>(type: "bigint", nullable: true),
                    VideoBitRateOutgoing = table.Column<long>(type: "bigint", nullable: true),
                    VideoBitRateIncoming = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusSamples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketFilters",
                columns: table => new
                {
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketFilters", x => new { x.BridgeId, x.Type });
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Details = table.Column<string>(type: "text", nullable: true),
                    RaisedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "text", nullable: true),
                    ResolvedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BridgeNodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BridgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallBridgeId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApiAddress = table.Column<string>(type: "text", nullable: true),
                    Username = table.Column<string>(type: "text", nullable: true),
                    ProtectedPassword = table.Column<string>(type: "text", nullable: true),
                    CertificateSha256 = table.Column<string>(type: "text", nullable: true),
                    IsSeed = table.Column<bool>(type: "boolean", nullable: false),
                    Reachable = table.Column<bool>(type: "boolean", nullable: true),
                    LastCheckedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BridgeNodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BridgeNodes_Bridges_BridgeId",
                        column: x => x.BridgeId,
                        principalTable: "Bridges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeNodes_BridgeId",
                table: "BridgeNodes",
                column: "BridgeId");

            migrationBuilder.CreateIndex(
                name: "IX_BridgeNodes_CallBridgeId",
                table: "BridgeNodes",
                column: "CallBridgeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BridgeId_StartUtc",
                table: "Meetings",
                columns: new[] { "BridgeId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Placeholders_BridgeId_NumericId",
                table: "Placeholders",
                columns: new[] { "BridgeId", "NumericId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusSamples_BridgeId_TimeUtc",
                table: "StatusSamples",
                columns: new[] { "BridgeId", "TimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_BridgeId_Type_State",
                table: "Tickets",
                columns: new[] { "BridgeId", "Type", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserName",
                table: "Users",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BridgeNodes");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Placeholders");

            migrationBuilder.DropTable(
                name: "ProtectionKeys");

            migrationBuilder.DropTable(
                name: "StatusSamples");

            migrationBuilder.DropTable(
                name: "TicketFilters");

            migrationBuilder.DropTable(
                name: "Tickets");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "Bridges");
        }
    }
}
