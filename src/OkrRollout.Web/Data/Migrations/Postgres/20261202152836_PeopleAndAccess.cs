using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleAndAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAtUtc",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastSignInMethod",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers",
                column: "Email");

            // A sign-in joins its person on the e-mail address, which the directory stores in lower case.
            migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "Email" = lower("Email"), "UserName" = lower("UserName") WHERE "Email" <> lower("Email") OR "UserName" <> lower("UserName");""");
            // The sponsor chosen on the programme form is in the programme's roll-out team (it gives the Leader rights).
            migrationBuilder.Sql("""
                INSERT INTO "ProgrammeRoles" ("ProgrammeId", "PersonId", "Role", "HelpsWith")
                SELECT p."Id", p."SponsorId", 'Sponsor', '' FROM "Programmes" p
                WHERE p."SponsorId" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "ProgrammeRoles" r WHERE r."ProgrammeId" = p."Id" AND r."PersonId" = p."SponsorId" AND r."Role" = 'Sponsor');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastSignInAtUtc",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastSignInMethod",
                table: "AspNetUsers");
        }
    }
}
