using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// No schema change: the data-protection key ring moved from the app's own key entity to the one of
    /// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, mapped onto the same DataProtectionKeys
    /// table and columns, so installs keep their keys. Only the model snapshot names the new entity.
    /// </summary>
    public partial class DataProtectionKeysLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
