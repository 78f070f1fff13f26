namespace OkrRollout.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- import [people] [runs]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- people-list [people] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- users-page [people] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- audit-page [entries=1000000] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- wave-assign [people] [runs]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- outbox [people] [messages to send]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- okr-tree [objectives] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- training [wave] [roster] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- dashboard [people] [requests]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- scim [users=10000] [filter lookups=1000]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- upload-limits [megabytes=500] [only the Nth upload]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- generate-people &lt;people&gt; &lt;file.csv&gt;
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- generate-organisation &lt;file.db | PostgreSQL connection string&gt; [divisor]
/// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- roll-ups &lt;generated.db&gt; [changes]
/// (tests/OkrRollout.Benchmarks/load.sh generates an organisation, starts the app and measures it with wrk)
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;
        return args switch
        {
            ["import", ..] => await ImportBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 3)),
            ["people-list", ..] => await PeopleListBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 200)),
            ["users-page", ..] => await UsersPageBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 100)),
            ["audit-page", ..] => await AuditPageBenchmark.RunAsync(Arg(1, 1_000_000), Arg(2, 50)),
            ["wave-page", ..] => await WavePageBenchmark.RunAsync(Arg(1, 5_000), Arg(2, 50)),
            ["wave-assign", ..] => await WaveAssignBenchmark.RunAsync(Arg(1, 120_000), Arg(2, 3)),
            ["outbox", ..] => await OutboxBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 2_000)),
            ["okr-tree", ..] => await OkrTreeBenchmark.RunAsync(Arg(1, 2_000), Arg(2, 100)),
            ["training", ..] => await TrainingBenchmark.RunAsync(Arg(1, 5_000), Arg(2, 500), Arg(3, 100)),
            ["dashboard", ..] => await DashboardBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 30)),
            ["scim", ..] => await ScimBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 1_000)),
            ["upload-limits", ..] => await UploadLimitsBenchmark.RunAsync(Arg(1, 500), Arg(2, 0)),
            ["generate-people", var count, var path] => Generate(int.Parse(count), path),
            ["generate-organisation", var path, ..] => await GenerateOrganisationAsync(path, Arg(2, 1)),
            ["roll-ups", var path, ..] => await RollupBenchmark.RunAsync(path, Arg(2, 50)),
            _ => Usage(),
        };
    }

    private static int Generate(int people, string path)
    {
        File.WriteAllBytes(path, PeopleGenerator.Csv(people));
        Console.WriteLine($"Wrote {people:N0} people to {path}");
        return 0;
    }

    /// <summary>
    /// The demo organisation (for its sign-ins) plus a generated one at <see cref="OrganisationSize.Full"/> divided by
    /// <paramref name="divisor"/>, in a SQLite file or an empty PostgreSQL database (a connection string) the app can open.
    /// </summary>
    private static async Task<int> GenerateOrganisationAsync(string database, int divisor)
    {
        if (!BenchmarkDatabase.IsPostgreSql(database))
        {
            database = Path.GetFullPath(database);
            if (File.Exists(database))
            {
                Console.Error.WriteLine($"{database} exists; remove it first.");
                return 2;
            }
        }
        await using var app = new BenchmarkApp(database);
        var result = await OrganisationGenerator.GenerateAsync(app.Services, OrganisationSize.Full.Scaled(divisor), CancellationToken.None);
        Console.WriteLine($"Generated {result.People:N0} people, {result.Enrollments:N0} enrollments, {result.CheckIns:N0} check-ins in {result.Load.TotalSeconds:F1} s; " +
            $"deriving every roll-up took {result.FullRefresh.TotalSeconds:F1} s");
        Console.WriteLine($"programme={result.ProgrammeId}");
        Console.WriteLine($"roster={result.RosterSessionId}");
        Console.WriteLine($"person={result.PersonId}");
        Console.WriteLine($"period={result.PeriodId}");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: import [people=100000] [runs=3] | people-list [people=100000] [requests=200] | users-page [people=100000] [requests=100] | wave-page [members=5000] [requests=50] | audit-page [entries=1000000] [requests=50] | wave-assign [people=120000] [runs=3] | outbox [people=10000] [send=2000] | okr-tree [objectives=2000] [requests=100] | training [wave=5000] [roster=500] [requests=100] | dashboard [people=100000] [requests=30] | scim [users=10000] [lookups=1000] | upload-limits [megabytes=500] [N] | generate-people <people> <file.csv> | generate-organisation <file.db | connection string> [divisor=1] | roll-ups <generated.db> [changes=50]");
        return 2;
    }
}
