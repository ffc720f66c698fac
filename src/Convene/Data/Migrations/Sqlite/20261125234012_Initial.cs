using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Convene.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    SoftwareVersion = table.Column<string>(type: "TEXT", nullable: true),
                    ClusterEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClusterId = table.Column<string>(type: "TEXT", nullable: true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    NumericIdBase = table.Column<long>(type: "INTEGER", nullable: true),
                    NumericIdQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    AllowBooking = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowIncomingSipUriDialing = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowOutgoingSipUriDialing = table.Column<bool>(type: "INTEGER", nullable: false),
                    WebBridgeUri = table.Column<string>(type: "TEXT", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlaceholderPrefix = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CallProfileId = table.Column<string>(type: "TEXT", nullable: true),
                    CallLegProfileId = table.Column<string>(type: "TEXT", nullable: true),
                    BulkParameterSetId = table.Column<string>(type: "TEXT", nullable: true),
                    ProvisionedBase = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvisionedQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    Provisioning = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvisioningError = table.Column<string>(type: "TEXT", nullable: true),
                    PreferredNodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bridges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    EndUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    NumericId = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Placeholders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NumericId = table.Column<long>(type: "INTEGER", nullable: false),
                    SpaceId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Adopted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placeholders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatusSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimeUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Reachable = table.Column<bool>(type: "INTEGER", nullable: false),
                    UptimeSeconds = table.Column<long>(type: "INTEGER", nullable: true),
                    CallLegsActive = table.Column<long>(type: "INTEGER", nullable: true),
                    CallLegsMaxActive = table.Column<long>(type: "INTEGER", nullable: true),
                    CallLegsCompleted = table.Column<long>(type: "INTEGER", nullable: true),
                    AudioBitRateOutgoing = table.Column<long>(type: "INTEGER", nullable: true),
                    AudioBitRateIncoming = table.Column<long>(type: "INTEGER", nullable: true),
                    VideoBitRateOutgoing = table.Column<long>(type: "INTEGER", nullable: true),
                    VideoBitRateIncoming = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusSamples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketFilters",
                columns: table => new
                {
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketFilters", x => new { x.BridgeId, x.Type });
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    RaisedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", nullable: true),
                    ResolvedUtc = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BridgeNodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BridgeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallBridgeId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApiAddress = table.Column<string>(type: "TEXT", nullable: true),
                    Username = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    CertificateSha256 = table.Column<string>(type: "TEXT", nullable: true),
                    IsSeed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reachable = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastCheckedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
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
