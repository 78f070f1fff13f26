using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Import;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Benchmarks;

/// <summary>
/// Times the people import as the app runs it — read and validate, compare with the directory,
/// write in one transaction — into a fresh database (SQLite, or PostgreSQL with OKRROLLOUT_BENCH_POSTGRES), then times importing the same file again.
/// </summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(int people, int runs)
    {
        Console.WriteLine($"Generating {people:N0} people…");
        var csv = PeopleGenerator.Csv(people);
        Console.WriteLine($"File: {csv.Length / 1024.0 / 1024.0:F1} MiB");
        Console.WriteLine();
        Console.WriteLine("| run | read + validate | plan | apply (1 transaction) | total first import | re-import (no changes) | people in db |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var run = 1; run <= runs; run++)
        {
            using var directory = new BenchmarkDirectory();
            await using var services = Services(directory.Database("bench.db"));
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().MigrateAsync();
            }

            var total = Stopwatch.StartNew();
            var watch = Stopwatch.StartNew();
            PeopleCsvFile? file = PeopleCsvReader.Read(csv, long.MaxValue);
            var read = watch.Elapsed;
            if (!file.IsValid)
            {
                throw new InvalidOperationException("generated file does not validate: " + file.Errors[0]);
            }

            int count;
            TimeSpan plan, apply;
            await using (var scope = services.CreateAsyncScope())
            {
                var importer = scope.ServiceProvider.GetRequiredService<PeopleImporter>();
                watch.Restart();
                await importer.PlanAsync(file, deactivateMissing: false, CancellationToken.None);
                plan = watch.Elapsed;
                watch.Restart();
                var result = await importer.ApplyAsync(file, deactivateMissing: false, "benchmark", null, CancellationToken.None);
                apply = watch.Elapsed;
                if (result.Added.Count != people)
                {
                    throw new InvalidOperationException($"added {result.Added.Count}, expected {people}");
                }
            }
            var first = total.Elapsed;
            var firstPeak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576;
            // The app holds one file at a time: the first one's rows go before the re-import reads the file again.
            file = null;

            watch.Restart();
            await using (var scope = services.CreateAsyncScope())
            {
                var again = await scope.ServiceProvider.GetRequiredService<PeopleImporter>()
                    .ApplyAsync(PeopleCsvReader.Read(csv, long.MaxValue), deactivateMissing: true, "benchmark", null, CancellationToken.None);
                if (again.ChangeCount != 0)
                {
                    throw new InvalidOperationException($"re-import changed {again.ChangeCount} people");
                }
                count = await scope.ServiceProvider.GetRequiredService<AppDbContext>().People.CountAsync();
            }
            var reimport = watch.Elapsed;

            Console.WriteLine($"| {run} | {S(read)} | {S(plan)} | {S(apply)} | **{S(first)}** | {S(reimport)} | {count:N0} |");
            if (run == runs)
            {
                // For load.sh's table: seconds, people per second, this process's peak memory after the first import / after the re-import too.
                Console.WriteLine($"RESULT import {first.TotalSeconds:F2} {people / first.TotalSeconds:F0} {firstPeak}/{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}");
            }
        }
        return 0;
    }

    private static string S(TimeSpan time) => $"{time.TotalSeconds:F2} s";

    public static ServiceProvider Services(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(BenchmarkDatabase.Settings(database)).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new BenchmarkEnvironment(BenchmarkDatabase.IsPostgreSql(database) ? Path.GetTempPath() : Path.GetDirectoryName(database)!));
        services.AddAppDatabase(configuration);
        services.AddPeopleImport();
        services.AddRollout();
        services.AddAdoption();
        return services.BuildServiceProvider();
    }

    private sealed class BenchmarkEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";
        public string ApplicationName { get; set; } = "OkrRollout.Benchmarks";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
