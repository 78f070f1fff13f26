using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OkrRollout.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only, and outside the model: an FTS5 trigram index over People.SearchText (PeopleSearchIndex),
    /// which finds the few people a name matches without reading all of them. PostgreSQL's counterpart is
    /// the trigram index of PeopleSearchTrigrams. The triggers keep it in step with every write to People;
    /// a later migration that rebuilds People drops them, and must create them again.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261122090000_PeopleSearchIndex")]
    public partial class PeopleSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PeopleSearch" USING fts5("SearchText", content='People', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_SearchInsert" AFTER INSERT ON "People" BEGIN
                    INSERT INTO "PeopleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_SearchDelete" AFTER DELETE ON "People" BEGIN
                    INSERT INTO "PeopleSearch"("PeopleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_SearchUpdate" AFTER UPDATE OF "Id", "SearchText" ON "People" BEGIN
                    INSERT INTO "PeopleSearch"("PeopleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                    INSERT INTO "PeopleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "PeopleSearch"("PeopleSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "People_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "People_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "People_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE "PeopleSearch";""");
        }
    }
}
