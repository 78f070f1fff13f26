using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OkrRollout.Tests.Localization;

/// <summary>The Finnish resources use one term per concept, the glossary's (src/OkrRollout.Web/Localization/Glossary.fi.tsv).</summary>
public class GlossaryTests
{
    private static readonly string Folder = Path.Combine(SourceTree.Root, "src", "OkrRollout.Web", "Localization");

    private static Dictionary<string, string> Resources(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> Concepts()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "Glossary.fi.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            data.Add(line);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Concepts))]
    public void Every_finnish_text_of_a_concept_uses_the_glossarys_term(string entry)
    {
        var (concept, pattern, stem) = entry.Split('\t') is [var c, var p, var s, ..] ? (c, p, s) : throw new InvalidOperationException(entry);
        var english = Resources("SharedResource.resx");
        var finnish = Resources("SharedResource.fi.resx");
        var names = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        var naming = english.Where(r => names.IsMatch(r.Value)).Select(r => r.Key).ToList();
        var missing = naming.Where(key => !finnish.GetValueOrDefault(key, "").Contains(stem, StringComparison.OrdinalIgnoreCase))
            .Select(key => $"{english[key]} → {finnish.GetValueOrDefault(key)}").ToList();

        Assert.NotEmpty(naming);
        Assert.True(missing.Count == 0, $"{concept}: the Finnish of these does not say \"{stem}…\":\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void Esihenkilo_means_a_manager_only_never_a_lead()
    {
        var english = Resources("SharedResource.resx");
        var finnish = Resources("SharedResource.fi.resx");
        var manager = new Regex(@"\bmanager", RegexOptions.IgnoreCase);

        var wrong = finnish.Where(r => r.Value.Contains("esihenkilö", StringComparison.OrdinalIgnoreCase) && !manager.IsMatch(english.GetValueOrDefault(r.Key, "")))
            .Select(r => $"{english.GetValueOrDefault(r.Key)} → {r.Value}").ToList();

        Assert.True(wrong.Count == 0, "esihenkilö where the English names no manager:\n" + string.Join("\n", wrong));
    }
}
