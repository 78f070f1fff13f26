using OkrRollout.Web.Data;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>A test of something only PostgreSQL does (the clustered job store): skipped, and reported as skipped, on the SQLite run.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (TestDatabase.Engine != DatabaseEngine.PostgreSql)
        {
            Skip = "runs on the PostgreSQL pass of tests/run.sh";
        }
    }
}
