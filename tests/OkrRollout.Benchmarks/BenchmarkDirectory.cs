using Microsoft.Data.Sqlite;

namespace OkrRollout.Benchmarks;

/// <summary>A fresh temporary folder for one benchmark run's database and files, deleted afterwards.</summary>
public sealed class BenchmarkDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "okrrollout-bench-" + Guid.NewGuid().ToString("N"));

    public BenchmarkDirectory() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // SQLite keeps pooled connections (and so the database file) open until told otherwise.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
