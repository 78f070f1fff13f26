using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>A test of something only SQLite has; skipped on the PostgreSQL pass.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.Engine != DatabaseEngine.Sqlite)
        {
            Skip = "runs on the SQLite pass of tests/run.sh";
        }
    }
}
