using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrgUnitDepth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Depth",
                table: "OrgUnits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Units that exist already: one level per '/' of the id path after "/<top>/".
            migrationBuilder.Sql("UPDATE \"OrgUnits\" SET \"Depth\" = length(\"IdPath\") - length(replace(\"IdPath\", '/', '')) - 2;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Depth",
                table: "OrgUnits");
        }
    }
}
