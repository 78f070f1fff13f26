using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>A test of something only one engine has: skipped, and reported as skipped, on the other engine's pass of tests/run.sh.</summary>
public abstract class EngineFactAttribute : FactAttribute
{
    protected EngineFactAttribute(DatabaseEngine engine, string pass)
    {
        if (TestDatabase.Engine != engine)
        {
            Skip = $"runs on the {pass} pass of tests/run.sh";
        }
    }
}

/// <summary>Only PostgreSQL: the clustered job store, instances sharing one database.</summary>
public sealed class PostgreSqlFactAttribute() : EngineFactAttribute(DatabaseEngine.PostgreSql, "PostgreSQL");

/// <summary>Only SQLite: its FTS5 search index.</summary>
public sealed class SqliteFactAttribute() : EngineFactAttribute(DatabaseEngine.Sqlite, "SQLite");
