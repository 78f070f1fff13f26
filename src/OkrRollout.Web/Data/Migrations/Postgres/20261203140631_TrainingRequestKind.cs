using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrainingRequestKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Requests made before teams chose a kind asked for a team-level OKR session.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "TrainingRequests",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "OkrBasics");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "TrainingRequests");
        }
    }
}
