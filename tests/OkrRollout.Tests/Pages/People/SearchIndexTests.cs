using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.People;

/// <summary>The text filter finds people through SQLite's trigram index (PeopleSearchIndex), which must follow every change.</summary>
public class SearchIndexTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_added_then_renamed_person_is_found_by_the_new_name_only()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Create")).QuerySelector<IHtmlFormElement>("main form")!;
        await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "Zebulon Quux",
            ["Input.Email"] = "zq@aurora-telematics.example",
            ["Input.UnitId"] = (await factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == "Aurora Telematics/HR").Select(u => u.Id).SingleAsync())).ToString(),
            ["Input.IsLead"] = "false",
            ["Input.PreferredLanguage"] = "En",
        });
        var added = await ambassador.GetAsync("/People?q=quux");

        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Email == "zq@aurora-telematics.example");
            person.Name = "Zebulon Frobisher";
            await db.SaveChangesAsync();
        });

        Assert.Equal(["Zebulon Quux"], PeopleTable.Names(added));
        Assert.Equal("0 people", PeopleTable.Count(await ambassador.GetAsync("/People?q=quux")));
        Assert.Equal(["Zebulon Frobisher"], PeopleTable.Names(await ambassador.GetAsync("/People?q=frobisher")));
    }

    [Fact]
    public async Task A_term_matches_anywhere_in_the_name_and_address_including_across_them()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        // "Kaisa Virtanen kaisa.virtanen@…": the end of the name and the start of the address.
        var across = await member.GetAsync("/People?q=virtanen%20kaisa.vir");
        var middle = await member.GetAsync("/People?q=isa.virt");
        var quoted = await member.GetAsync("/People?q=%22virtanen");

        Assert.Equal(["Kaisa Virtanen"], PeopleTable.Names(across));
        Assert.Contains("Kaisa Virtanen", PeopleTable.Names(middle));
        Assert.Equal("0 people", PeopleTable.Count(quoted));
    }

    [Fact]
    public async Task A_term_of_two_letters_still_filters()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync("/People?q=KA");

        Assert.Contains("Kaisa Virtanen", PeopleTable.Names(page));
        Assert.All(page.QuerySelectorAll("#people-table tbody tr"), row =>
            Assert.Contains("ka", row.QuerySelector("td:nth-child(1)")!.TextContent.ToLowerInvariant() + " " + row.QuerySelector("td:nth-child(2)")!.TextContent));
    }

    [SqliteFact]
    public async Task The_index_agrees_with_the_directory_after_the_demo_import_edits_and_deactivation()
    {
        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.OrderBy(p => p.Id).FirstAsync(p => p.IsActive);
            person.Name += " Renamed";
            person.Email = "renamed." + person.Email;
            db.People.Add(new Person { Name = "Index Check", Email = "index.check@example.com", UnitId = person.UnitId });
            var leaving = await db.People.OrderByDescending(p => p.Id).FirstAsync(p => p.IsActive);
            leaving.IsActive = false;
            await db.SaveChangesAsync();
        });

        // FTS5 compares every indexed row with People and fails on any difference.
        var check = () => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO \"PeopleSearch\"(\"PeopleSearch\", rank) VALUES ('integrity-check', 1)"));

        await check();
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"PeopleSearch\" WHERE rowid = (SELECT max(\"Id\") FROM \"People\")"));
        await Assert.ThrowsAsync<SqliteException>(check);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO \"PeopleSearch\"(\"PeopleSearch\") VALUES ('rebuild')"));
    }
}
