namespace OkrRollout.Tests.Pages.People;

/// <summary>What the people list shows, read from a page or an htmx partial of it.</summary>
public static class PeopleTable
{
    public static List<string> Names(IParentNode page) => Column(page, 1);

    public static List<string> Emails(IParentNode page) => Column(page, 2);

    public static string Count(IParentNode page) => page.QuerySelector("#people-count")!.TextContent;

    private static List<string> Column(IParentNode page, int column) =>
        page.QuerySelectorAll($"#people-table tbody tr td:nth-child({column})").Select(td => td.TextContent).ToList();
}
