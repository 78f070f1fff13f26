using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Data;

public class DirectoryLookupTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<(int Active, int Left)> TwoPeopleAsync(string name) => await factory.WithDbAsync(async db =>
    {
        var unit = await db.OrgUnits.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var active = new Person { Name = $"{name} Active", Email = $"{name}.active@example.com", UnitId = unit };
        var left = new Person { Name = $"{name} Left", Email = $"{name}.left@example.com", UnitId = unit, IsActive = false };
        db.People.AddRange(active, left);
        await db.SaveChangesAsync();
        return (active.Id, left.Id);
    });

    [Fact]
    public async Task One_address_finds_an_active_person_and_says_why_not_otherwise()
    {
        var (active, left) = await TwoPeopleAsync("one");

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(new DirectoryMatch(active, null), await DirectoryLookup.FindAsync(db, "  One.Active@Example.com ", CancellationToken.None));
            Assert.Equal(new DirectoryMatch(null, DirectoryLookup.Inactive), await DirectoryLookup.FindAsync(db, "one.left@example.com", CancellationToken.None));
            Assert.Equal(new DirectoryMatch(left, null), await DirectoryLookup.FindAsync(db, "one.left@example.com", CancellationToken.None, keeping: left));
            Assert.Equal(new DirectoryMatch(null, DirectoryLookup.Unknown), await DirectoryLookup.FindAsync(db, "nobody@example.com", CancellationToken.None));
            Assert.Equal(new DirectoryMatch(null, DirectoryLookup.Unknown), await DirectoryLookup.FindAsync(db, " ", CancellationToken.None));
            Assert.Equal(new DirectoryMatch(null, null), await DirectoryLookup.FindIfNamedAsync(db, " ", CancellationToken.None));
        });
    }

    [Fact]
    public async Task A_typed_list_takes_every_separator_and_names_the_addresses_that_match_nobody_active()
    {
        var (active, left) = await TwoPeopleAsync("list");
        string[] typedLists =
        [
            "list.active@example.com,list.left@example.com;nobody@example.com",
            "list.active@example.com list.left@example.com\tnobody@example.com",
            "list.active@example.com\r\nlist.left@example.com\r\nNOBODY@example.com\r\nlist.active@example.com",
        ];

        foreach (var typed in typedLists)
        {
            var matches = await factory.WithDbAsync(db => DirectoryLookup.FindListAsync(db, typed, CancellationToken.None));
            var keepingTheOneWhoLeft = await factory.WithDbAsync(db => DirectoryLookup.FindListAsync(db, typed, CancellationToken.None, keeping: [left]));

            Assert.Equal([active], matches.Ids);
            Assert.Equal(["list.left@example.com", "nobody@example.com"], matches.Unknown);
            Assert.Equal([active, left], keepingTheOneWhoLeft.Ids.Order());
            Assert.Equal(["nobody@example.com"], keepingTheOneWhoLeft.Unknown);
        }
    }

    [Fact]
    public async Task A_key_result_keeps_an_owner_who_left_but_cannot_be_given_to_one()
    {
        var (_, left) = await TwoPeopleAsync("owner");
        var (keyResultId, otherKeyResultId) = await factory.WithDbAsync(async db =>
        {
            var keyResult = await db.KeyResults.OrderBy(k => k.Id).FirstAsync();
            keyResult.OwnerId = left;
            await db.SaveChangesAsync();
            var other = await db.KeyResults.OrderBy(k => k.Id).Skip(1).FirstAsync();
            return (keyResult.Id, other.Id);
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var kept = (await ambassador.GetAsync($"/Okr/KeyResults/Edit/{keyResultId}")).QuerySelector<IHtmlFormElement>("main form")!;
        await ambassador.SubmitAsync(kept, new() { ["Input.Title"] = "Still owned by someone who left" });
        var other = (await ambassador.GetAsync($"/Okr/KeyResults/Edit/{otherKeyResultId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var refused = await ambassador.SubmitAsync(other, new() { ["Input.OwnerEmail"] = "owner.left@example.com", ["Input.ContributorEmails"] = "owner.left@example.com, owner.active@example.com" });

        var saved = await factory.WithDbAsync(db => db.KeyResults.SingleAsync(k => k.Id == keyResultId));
        Assert.Equal("Still owned by someone who left", saved.Title);
        Assert.Equal(left, saved.OwnerId);
        Assert.Equal("This person is no longer active in the directory.", refused.QuerySelector("[data-valmsg-for='Input.OwnerEmail']")!.TextContent);
        Assert.Equal("Nobody active in the directory has the e-mail address(es): owner.left@example.com", refused.QuerySelector("[data-valmsg-for='Input.ContributorEmails']")!.TextContent);
    }
}
