using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEntityTypeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries",
                columns: new[] { "EntityType", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries");
        }
    }
}
