using System.Reflection;
using NetArchTest.Rules;

namespace OkrRollout.Tests;

/// <summary>
/// The folders of the app and which may use which: the domain stands alone, nothing below the pages
/// reaches up into them, e-mail knows no feature, and no two folders need each other.
/// </summary>
public class ArchitectureTests
{
    private const string App = "OkrRollout.Web";
    private static readonly Assembly Assembly = typeof(Program).Assembly;

    private static readonly string[] Folders = Assembly.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith(App + ".", StringComparison.Ordinal))
        .Select(n => n!.Split('.')[2])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static readonly string[] FeatureFolders = ["Adoption", "Import", "Jobs", "Okr", "Pages", "Privacy", "Rollout", "Scim", "Security", "Training"];

    private static string Namespace(string folder) => $"{App}.{folder}";

    /// <summary>The types of one folder that use another, by name; empty when none does.</summary>
    private static IReadOnlyList<string> TypesUsing(string folder, string used)
    {
        var result = Types.InAssembly(Assembly).That().ResideInNamespace(Namespace(folder))
            .ShouldNot().HaveDependencyOn(Namespace(used)).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames.Order(StringComparer.Ordinal)];
    }

    private static string Describe(string folder, IEnumerable<string> used) =>
        string.Join("\n", used.SelectMany(u => TypesUsing(folder, u).Select(t => $"{t} uses {u}")));

    [Fact]
    public void The_app_has_the_folders_the_rules_name()
    {
        Assert.Subset(Folders.ToHashSet(), new HashSet<string>(["Data", "Domain", "Email", "Jobs", "Import", "Pages", .. FeatureFolders]));
    }

    [Fact]
    public void The_domain_depends_on_no_other_folder()
    {
        Assert.Equal("", Describe("Domain", Folders.Where(f => f != "Domain")));
    }

    [Fact]
    public void Nothing_outside_the_pages_depends_on_them()
    {
        Assert.Equal("", string.Join("\n", Folders.Where(f => f != "Pages").Select(f => Describe(f, ["Pages"])).Where(d => d != "")));
    }

    [Fact]
    public void Email_depends_on_no_feature_folder()
    {
        Assert.Equal("", Describe("Email", FeatureFolders));
    }

    [Fact]
    public void No_two_folders_depend_on_each_other_even_through_others()
    {
        var uses = Folders.ToDictionary(f => f, f => Folders.Where(g => g != f && TypesUsing(f, g).Count > 0).ToArray());

        var cycles = new List<string>();
        foreach (var start in Folders)
        {
            // A breadth-first search back to the start gives the shortest cycle through each folder.
            var cameFrom = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.Count > 0 && !cameFrom.ContainsKey(start))
            {
                var folder = queue.Dequeue();
                foreach (var next in uses[folder].Where(n => !cameFrom.ContainsKey(n)))
                {
                    cameFrom[next] = folder;
                    queue.Enqueue(next);
                }
            }
            if (cameFrom.ContainsKey(start))
            {
                var path = new List<string> { start };
                for (var at = cameFrom[start]; at != start; at = cameFrom[at])
                {
                    path.Add(at);
                }
                path.Add(start);
                path.Reverse();
                cycles.Add(string.Join(" → ", path));
            }
        }

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => c + "\n" + string.Join("\n", c.Split(" → ").Zip(c.Split(" → ").Skip(1)).SelectMany(step => TypesUsing(step.First, step.Second).Select(t => $"  {t} uses {step.Second}"))))));
    }
}
