using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_UnitId_Name",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_IsLead_PreferredLanguage_IsActive",
                table: "People",
                columns: new[] { "IsLead", "PreferredLanguage", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_People_UnitId_Name_IsActive",
                table: "People",
                columns: new[] { "UnitId", "Name", "IsActive" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_IsLead_PreferredLanguage_IsActive",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_UnitId_Name_IsActive",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_UnitId_Name",
                table: "People",
                columns: new[] { "UnitId", "Name" });
        }
    }
}
