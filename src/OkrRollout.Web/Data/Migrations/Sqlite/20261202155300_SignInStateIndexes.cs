using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignInStateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_People_IsActive_Email",
                table: "People",
                columns: new[] { "IsActive", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email_LastSignInAtUtc",
                table: "AspNetUsers",
                columns: new[] { "Email", "LastSignInAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_IsActive_Email",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email_LastSignInAtUtc",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers",
                column: "Email");
        }
    }
}
