using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Scim;
using OkrRollout.Web.Security;

namespace OkrRollout.Tests.Scim;

/// <summary>The app with one group name mapped to a role by settings, as an organisation names its groups.</summary>
public sealed class ScimGroupsAppFactory : AppFactory
{
    public ScimGroupsAppFactory() => Settings["Scim:RoleMap:Leader:0"] = "OKR leadership";
}

/// <summary>SCIM Groups are the app's roles; request bodies as Entra ID and Okta send them.</summary>
public class ScimGroupsTests(ScimGroupsAppFactory factory) : IClassFixture<ScimGroupsAppFactory>
{
    private static string Patch(string operations) => $$"""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{{operations}}] }""";

    private static string EntraGroup(string name) => $$"""
        { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "externalId": "{{Guid.NewGuid()}}", "displayName": "{{name}}", "meta": { "resourceType": "Group" } }
        """;

    private Task<List<string>> InRoleAsync(string role) => factory.WithDbAsync(db => db.UsersInRole(role).Select(u => u.Email!).ToListAsync());

    private Task<(int Id, string Email)[]> PeopleAsync(int count, int skip) => factory.WithDbAsync(async db =>
        (await db.People.Where(p => p.IsActive && !p.Email.StartsWith("ville.") && !p.Email.StartsWith("kaisa.") && !p.Email.StartsWith("robert."))
            .OrderBy(p => p.Id).Skip(skip).Take(count).Select(p => new { p.Id, p.Email }).ToListAsync()).Select(p => (p.Id, p.Email)).ToArray());

    [Fact]
    public async Task Scim_entra_creates_a_mapped_group_then_adds_and_removes_members_and_the_role_follows()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var people = await PeopleAsync(3, skip: 10);
        await factory.CreateSignInAsync(people[0].Email);

        var created = await client.PostAsync("/scim/v2/Groups", EntraGroup("OKR leadership"));
        var id = created.Text("id");
        var added = await client.PatchAsync($"/scim/v2/Groups/{id}", Patch($$"""
            { "op": "Add", "path": "members", "value": [{ "$ref": null, "value": "{{people[0].Id}}" }, { "$ref": null, "value": "{{people[1].Id}}" }, { "$ref": null, "value": "{{people[2].Id}}" }] }
            """));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"http://localhost/scim/v2/Groups/{id}", created.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Subset((await InRoleAsync(Roles.Leader)).ToHashSet(), people.Select(p => p.Email).ToHashSet());
        var listed = added.Body!["members"]!.AsArray().Select(m => m!["value"]!.ToString()).ToList();
        Assert.Subset(listed.ToHashSet(), people.Select(p => p.Id.ToString()).ToHashSet());
        // A leader can open the adoption dashboard from their next request.
        using var leader = await PageSession.SignInAsync(factory, people[0].Email);
        using (var dashboard = await leader.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal("/Dashboard", dashboard.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Entra ID removes with a value list, Okta by a filter in the path.
        await client.PatchAsync($"/scim/v2/Groups/{id}", Patch($$"""{ "op": "Remove", "path": "members", "value": [{ "$ref": null, "value": "{{people[0].Id}}" }] }"""));
        await client.PatchAsync($"/scim/v2/Groups/{id}", Patch($$"""{ "op": "remove", "path": "members[value eq \"{{people[1].Id}}\"]" }"""));

        var leaders = await InRoleAsync(Roles.Leader);
        Assert.DoesNotContain(people[0].Email, leaders);
        Assert.DoesNotContain(people[1].Email, leaders);
        Assert.Contains(people[2].Email, leaders);
        using (var after = await leader.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal("/Account/AccessDenied", after.RequestMessage!.RequestUri!.AbsolutePath);
        }
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user.role-revoked" && a.Actor == "scim:Entra ID provisioning")));
    }

    [Fact]
    public async Task Scim_groups_are_found_by_display_name_with_or_without_members_and_okta_renames_with_a_value_object()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory, "Okta");
        using var _c = client;
        var people = await PeopleAsync(1, skip: 20);
        var id = (await client.PostAsync("/scim/v2/Groups", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Ambassador", "members": [{ "value": "{{people[0].Id}}", "display": "x" }] }
            """)).Text("id");

        var found = await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"Ambassador\""));
        var bare = await client.GetAsync("/scim/v2/Groups?excludedAttributes=members&filter=" + Uri.EscapeDataString("displayName eq \"Ambassador\""));
        var renamed = await client.PatchAsync($"/scim/v2/Groups/{id}", Patch($$"""{ "op": "replace", "value": { "id": "{{id}}", "displayName": "ambassador" } }"""));
        var otherRole = await client.PatchAsync($"/scim/v2/Groups/{id}", Patch("""{ "op": "replace", "path": "displayName", "value": "Admin" }"""));

        Assert.Equal("1", found.Text("totalResults"));
        Assert.Contains(found.Body!["Resources"]![0]!["members"]!.AsArray(), m => m!["value"]!.ToString() == people[0].Id.ToString());
        Assert.Empty(bare.Body!["Resources"]![0]!["members"]!.AsArray());
        Assert.Equal("ambassador", renamed.Text("displayName"));
        Assert.Equal("mutability", otherRole.Text("scimType"));
        Assert.Contains(people[0].Email, await InRoleAsync(Roles.Ambassador));
    }

    [Fact]
    public async Task Scim_a_group_that_gives_no_role_a_second_group_for_a_role_and_an_unknown_member_are_refused_and_change_nothing()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var leadersBefore = await InRoleAsync(Roles.Leader);
        await client.PostAsync("/scim/v2/Groups", EntraGroup("Leader"));

        var marketing = await client.PostAsync("/scim/v2/Groups", EntraGroup("Marketing"));
        var second = await client.PostAsync("/scim/v2/Groups", EntraGroup("leader"));
        var groupId = (await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"Leader\""))).Text("Resources/0/id")
            ?? (await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"OKR leadership\""))).Text("Resources/0/id");
        var person = (await PeopleAsync(1, skip: 30))[0];
        var unknown = await client.PatchAsync($"/scim/v2/Groups/{groupId}", Patch($$"""{ "op": "Add", "path": "members", "value": [{ "value": "{{person.Id}}" }, { "value": "99999999" }] }"""));

        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (marketing.Status, marketing.Text("scimType")));
        Assert.Contains("gives no role", marketing.Text("detail"));
        Assert.Equal((HttpStatusCode.Conflict, "uniqueness"), (second.Status, second.Text("scimType")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (unknown.Status, unknown.Text("scimType")));
        Assert.Contains("99999999", unknown.Text("detail"));
        Assert.DoesNotContain(person.Email, await InRoleAsync(Roles.Leader));
        Assert.False(await factory.WithDbAsync(db => db.ScimGroups.AnyAsync(g => g.DisplayName == "Marketing")));
        Assert.Subset((await InRoleAsync(Roles.Leader)).ToHashSet(), leadersBefore.ToHashSet());
    }

    [Fact]
    public async Task Scim_the_admin_group_never_takes_the_role_from_the_last_administrator()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var admins = await InRoleAsync(Roles.Admin);
        var created = await client.PostAsync("/scim/v2/Groups", EntraGroup("Admin"));
        var id = created.Text("id");
        var adminIds = created.Body!["members"]!.AsArray().Select(m => m!["value"]!.ToString()).ToList();
        Assert.NotEmpty(adminIds);

        var emptied = await client.PatchAsync($"/scim/v2/Groups/{id}", Patch("""{ "op": "Remove", "path": "members" }"""));
        var deleted = await client.DeleteAsync($"/scim/v2/Groups/{id}");

        Assert.Equal((HttpStatusCode.BadRequest, "mutability"), (emptied.Status, emptied.Text("scimType")));
        Assert.Contains("last administrator", emptied.Text("detail"));
        Assert.Equal(HttpStatusCode.BadRequest, deleted.Status);
        Assert.Equal(admins.Order(), (await InRoleAsync(Roles.Admin)).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/scim/v2/Groups/{id}")).Status);
    }
}
