using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StageRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageFactChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Everything = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageFactChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    RolloutGroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitActivityRollups",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    NoShows = table.Column<int>(type: "INTEGER", nullable: false),
                    HasKeyResults = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastCheckIn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AverageConfidence = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitActivityRollups", x => x.UnitId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageRollups_ProgrammeId_WaveId",
                table: "StageRollups",
                columns: new[] { "ProgrammeId", "WaveId" });

            migrationBuilder.CreateIndex(
                name: "IX_StageRollups_UnitId",
                table: "StageRollups",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollupStates");

            migrationBuilder.DropTable(
                name: "StageFactChanges");

            migrationBuilder.DropTable(
                name: "StageRollups");

            migrationBuilder.DropTable(
                name: "UnitActivityRollups");
        }
    }
}
