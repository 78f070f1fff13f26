using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// No change to the schema: the start-up that applies it first seals the personal links of the
    /// messages already in the outbox (DatabaseStartup, SealedLinks.SealStoredAsync), once.
    /// </summary>
    public partial class SealOutboxLinks : Migration
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
