using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnboardingStages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PractisingWithinDays",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                // Existing programmes get the default window (OnboardingStages.DefaultPractisingDays).
                defaultValue: 14);

            migrationBuilder.CreateTable(
                name: "StageOverrides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageOverrides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageOverrides_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StageOverrides_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageOverrides_PersonId",
                table: "StageOverrides",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StageOverrides_ProgrammeId_PersonId",
                table: "StageOverrides",
                columns: new[] { "ProgrammeId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StageOverrides");

            migrationBuilder.DropColumn(
                name: "PractisingWithinDays",
                table: "Programmes");
        }
    }
}
