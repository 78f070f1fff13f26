using OkrRollout.Benchmarks;

// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- import [people] [runs]
// dotnet run -c Release --project tests/OkrRollout.Benchmarks -- generate-people <people> <file.csv>
return args switch
{
    ["import", ..] => await ImportBenchmark.RunAsync(Arg(1, 100_000), Arg(2, 3)),
    ["generate-people", var count, var path] => Generate(int.Parse(count), path),
    _ => Usage(),
};

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;

static int Generate(int people, string path)
{
    File.WriteAllBytes(path, PeopleGenerator.Csv(people));
    Console.WriteLine($"Wrote {people:N0} people to {path}");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: import [people=100000] [runs=3] | generate-people <people> <file.csv>");
    return 2;
}
