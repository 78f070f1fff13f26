namespace OkrRollout.Tests.Infrastructure;

/// <summary>The app's source files, for tests that read them (views, resources), and the repository's other files tests use.</summary>
public static class SourceTree
{
    public static readonly string Root = RepositoryRoot();

    public static readonly string App = Path.Combine(Root, "src", "OkrRollout.Web");

    public static readonly string Pages = Path.Combine(App, "Pages");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OkrRollout.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }
}
