using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PrivacyAuditAndErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAtUtc",
                table: "People",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAtUtc",
                table: "People",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AffectedPersonId",
                table: "AuditEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_ErasedAtUtc_DeactivatedAtUtc",
                table: "People",
                columns: new[] { "ErasedAtUtc", "DeactivatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_Id",
                table: "AuditEntries",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Actor_Id",
                table: "AuditEntries",
                columns: new[] { "Actor", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AffectedPersonId_Id",
                table: "AuditEntries",
                columns: new[] { "AffectedPersonId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_ErasedAtUtc_DeactivatedAtUtc",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Actor_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AffectedPersonId_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "DeactivatedAtUtc",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ErasedAtUtc",
                table: "People");

            migrationBuilder.DropColumn(
                name: "AffectedPersonId",
                table: "AuditEntries");
        }
    }
}
