using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeasuredMilestones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MilestoneCriterion",
                table: "Waves",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<int>(
                name: "MilestoneThreshold",
                table: "Waves",
                type: "INTEGER",
                nullable: false,
                defaultValue: 80);

            migrationBuilder.AddColumn<int>(
                name: "Aligned",
                table: "AdoptionSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Drafting",
                table: "AdoptionSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Practising",
                table: "AdoptionSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MilestoneCriterion",
                table: "Waves");

            migrationBuilder.DropColumn(
                name: "MilestoneThreshold",
                table: "Waves");

            migrationBuilder.DropColumn(
                name: "Aligned",
                table: "AdoptionSnapshots");

            migrationBuilder.DropColumn(
                name: "Drafting",
                table: "AdoptionSnapshots");

            migrationBuilder.DropColumn(
                name: "Practising",
                table: "AdoptionSnapshots");
        }
    }
}
