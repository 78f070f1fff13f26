using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Scim;

namespace OkrRollout.Tests.Scim;

/// <summary>
/// SCIM 2.0 Users as Entra ID and Okta call them, with the request bodies of their public
/// documentation (addresses changed to the demo organisation's), against the demo directory.
/// </summary>
public class ScimUsersTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Enterprise = ScimSchemas.Enterprise;

    private static string EntraCreate(string email, string externalId, string department = "Cloud Platform") => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "externalId": "{{externalId}}",
          "userName": "{{email}}",
          "active": true,
          "emails": [{ "primary": true, "type": "work", "value": "{{email}}" }],
          "meta": { "resourceType": "User" },
          "name": { "formatted": "Liisa Nieminen", "familyName": "Nieminen", "givenName": "Liisa" },
          "preferredLanguage": "fi-FI",
          "roles": [],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "{{department}}", "employeeNumber": "701984" }
        }
        """;

    private static string OktaCreate(string email, string externalId) => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "{{email}}",
          "name": { "givenName": "Test", "familyName": "User" },
          "emails": [{ "primary": true, "value": "{{email}}", "type": "work" }],
          "displayName": "Test User",
          "locale": "en-US",
          "externalId": "{{externalId}}",
          "groups": [],
          "password": "1mz050nq",
          "active": true
        }
        """;

    private static string Patch(string operations) => $$"""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{{operations}}] }""";

    private static string NewEmail(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..12]}@aurora-telematics.example";

    [Fact]
    public async Task Scim_without_a_valid_token_is_refused_with_a_scim_error_and_a_revoked_token_stops_working()
    {
        using var none = ScimClient.WithToken(factory, null);
        using var wrong = ScimClient.WithToken(factory, "okrscim_not-a-token");
        var (client, tokenId) = await ScimClient.WithNewTokenAsync(factory);
        using var _ = client;

        foreach (var answer in new[] { await none.GetAsync("/scim/v2/Users"), await wrong.GetAsync("/scim/v2/Users") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal(ScimClient.Media, answer.MediaType);
            Assert.Equal(ScimErrors.Schema, answer.Text("schemas/0"));
            Assert.Equal("401", answer.Text("status"));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scim/v2/Users?count=1")).Status);
        // A cookie sign-in is not a token: an Admin's browser does not reach SCIM.
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        using var withCookie = await admin.Client.GetAsync("/scim/v2/Users");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ScimTokens>().RevokeAsync(tokenId, new System.Security.Claims.ClaimsPrincipal(), CancellationToken.None));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/scim/v2/Users?count=1")).Status);
    }

    [Fact]
    public async Task Scim_describes_itself_service_provider_config_schemas_and_resource_types()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;

        var config = await client.GetAsync("/scim/v2/ServiceProviderConfig");
        var schemas = await client.GetAsync("/scim/v2/Schemas");
        var types = await client.GetAsync("/scim/v2/ResourceTypes");
        var userSchema = await client.GetAsync("/scim/v2/Schemas/" + ScimSchemas.User);

        Assert.Equal("true", config.Text("patch/supported"));
        Assert.Equal("false", config.Text("bulk/supported"));
        Assert.Equal("true", config.Text("filter/supported"));
        Assert.Equal("oauthbearertoken", config.Text("authenticationSchemes/0/type"));
        Assert.Equal("3", schemas.Text("totalResults"));
        Assert.Equal([ScimSchemas.User, Enterprise, ScimSchemas.Group], schemas.Body!["Resources"]!.AsArray().Select(r => r!["id"]!.ToString()));
        Assert.Equal("User", types.Text("Resources/0/id"));
        Assert.Equal("Group", types.Text("Resources/1/id"));
        Assert.Equal(Enterprise, types.Text("Resources/0/schemaExtensions/0/schema"));
        Assert.Equal("userName", userSchema.Text("attributes/0/name"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scim/v2/Bulk")).Status);
    }

    [Fact]
    public async Task Scim_entra_creates_a_person_in_the_unit_of_their_department_who_is_then_found_by_user_name_and_external_id()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var email = NewEmail("liisa");
        var externalId = Guid.NewGuid().ToString();
        var marksBefore = await factory.WithDbAsync(db => db.StageFactChanges.CountAsync());

        var created = await client.PostAsync("/scim/v2/Users", EntraCreate(email.ToUpperInvariant(), externalId));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Text("id")!;
        Assert.Equal($"http://localhost/scim/v2/Users/{id}", created.Location!.ToString());
        Assert.Equal(email, created.Text("userName"));
        Assert.Equal("Liisa Nieminen", created.Text("displayName"));
        Assert.Equal("fi", created.Text("preferredLanguage"));
        Assert.Equal("Aurora Telematics/Software/Cloud Platform", created.Text($"{Enterprise}/department"));
        var person = await factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => new { p.Id, p.Name, p.ExternalId, p.IsActive, Unit = p.Unit.NamePath, p.PreferredLanguage }).SingleAsync());
        Assert.Equal((int.Parse(id), "Liisa Nieminen", externalId, true, "Aurora Telematics/Software/Cloud Platform"), (person.Id, person.Name, person.ExternalId, person.IsActive, person.Unit));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "people.synced" && a.Actor == "scim:Entra ID provisioning" && a.Details.StartsWith(email))));
        Assert.True(await factory.WithDbAsync(db => db.StageFactChanges.CountAsync()) > marksBefore, "the adoption roll-ups were not marked");

        var byUserName = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{email}\"")}");
        var byExternalId = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"externalId eq \"{externalId}\"")}");
        var byEmail = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"emails[type eq \"work\"].value eq \"{email}\"")}");
        var nobody = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString("userName eq \"nobody@aurora-telematics.example\"")}");
        var one = await client.GetAsync($"/scim/v2/Users/{id}");

        foreach (var found in new[] { byUserName, byExternalId, byEmail })
        {
            Assert.Equal("1", found.Text("totalResults"));
            Assert.Equal(id, found.Text("Resources/0/id"));
            Assert.Equal(ScimSchemas.ListResponse, found.Text("schemas/0"));
        }
        Assert.Equal("0", nobody.Text("totalResults"));
        Assert.Equal(email, one.Text("userName"));
    }

    [Fact]
    public async Task Scim_okta_creates_a_person_without_a_department_in_the_unit_for_new_people_and_a_second_create_is_a_conflict()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory, "Okta");
        using var _c = client;
        var email = NewEmail("test.user");

        var created = await client.PostAsync("/scim/v2/Users", OktaCreate(email, "00ujl29u0le5T6Aj10h7"));
        var again = await client.PostAsync("/scim/v2/Users", OktaCreate(email, "00ujl29u0le5T6Aj10h8"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Test User", created.Text("displayName"));
        Assert.Equal("New people", created.Text($"{Enterprise}/department"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("uniqueness", again.Text("scimType"));
        Assert.Contains(email, again.Text("detail"));
        Assert.Equal("00ujl29u0le5T6Aj10h7", await factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.ExternalId).SingleAsync()));
    }

    [Fact]
    public async Task Scim_lists_the_directory_in_pages_by_start_index_and_count()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var total = await factory.WithDbAsync(db => db.People.CountAsync());

        var first = await client.GetAsync("/scim/v2/Users?startIndex=1&count=100");
        var second = await client.GetAsync("/scim/v2/Users?startIndex=101&count=100");
        var none = await client.GetAsync("/scim/v2/Users?count=0");

        Assert.True(total > 100);
        Assert.Equal(total.ToString(), first.Text("totalResults"));
        Assert.Equal("100", first.Text("itemsPerPage"));
        Assert.Equal("101", second.Text("startIndex"));
        var ids = first.Body!["Resources"]!.AsArray().Concat(second.Body!["Resources"]!.AsArray()).Select(r => int.Parse(r!["id"]!.ToString())).ToList();
        Assert.Equal(Math.Min(total, 200), ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        Assert.Equal("0", none.Text("itemsPerPage"));
        Assert.Equal(total.ToString(), none.Text("totalResults"));
    }

    [Fact]
    public async Task Scim_entra_patches_name_department_and_manager_and_deactivates_with_a_string_false_which_signs_the_person_out()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var email = NewEmail("ville");
        var id = (await client.PostAsync("/scim/v2/Users", EntraCreate(email, Guid.NewGuid().ToString()))).Text("id");
        var manager = await factory.WithDbAsync(db => db.People.Where(p => p.Email == "arjun.wilson@aurora-telematics.example").Select(p => new { p.Id, p.Name }).SingleAsync());

        var patched = await client.PatchAsync($"/scim/v2/Users/{id}", Patch($$"""
            { "op": "Add", "path": "displayName", "value": "Liisa Nieminen-Koski" },
            { "op": "Replace", "path": "name.familyName", "value": "Nieminen-Koski" },
            { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "{{email}}" },
            { "op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Aurora Telematics/Software/Mobile Apps" },
            { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{{manager.Id}}" }
            """));

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("Liisa Nieminen-Koski", patched.Text("displayName"));
        Assert.Equal("Aurora Telematics/Software/Mobile Apps", patched.Text($"{Enterprise}/department"));
        Assert.Equal(manager.Id.ToString(), patched.Text($"{Enterprise}/manager/value"));
        Assert.Equal(manager.Name, patched.Text($"{Enterprise}/manager/displayName"));

        // Signed in before, signed out at the next request once the provider deactivates them.
        await factory.CreateSignInAsync(email);
        using var person = await PageSession.SignInAsync(factory, email);
        var deactivated = await client.PatchAsync($"/scim/v2/Users/{id}", Patch("""{ "op": "Replace", "path": "active", "value": "False" }"""));

        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.Equal("false", deactivated.Text("active"));
        Assert.False(await factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.IsActive).SingleAsync()));
        using var next = await person.Client.GetAsync("/");
        Assert.Equal("/Account/SignIn", next.RequestMessage!.RequestUri!.AbsolutePath);

        var back = await client.PatchAsync($"/scim/v2/Users/{id}", Patch("""{ "op": "replace", "path": "active", "value": true }"""));
        Assert.Equal("true", back.Text("active"));
    }

    [Fact]
    public async Task Scim_okta_deactivates_with_a_value_object_and_puts_a_whole_user_and_delete_deactivates_and_keeps_the_person()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory, "Okta");
        using var _c = client;
        var email = NewEmail("okta");
        var id = (await client.PostAsync("/scim/v2/Users", OktaCreate(email, "00u1"))).Text("id");

        var off = await client.PatchAsync($"/scim/v2/Users/{id}", Patch("""{ "op": "replace", "value": { "active": false } }"""));
        var put = await client.PutAsync($"/scim/v2/Users/{id}", OktaCreate(email, "00u1").Replace("\"Test User\"", "\"Tessa User\""));
        var deleted = await client.DeleteAsync($"/scim/v2/Users/{id}");
        var after = await client.GetAsync($"/scim/v2/Users/{id}");

        Assert.Equal("false", off.Text("active"));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("Tessa User", put.Text("displayName"));
        Assert.Equal("true", put.Text("active"));
        Assert.Equal("New people", put.Text($"{Enterprise}/department"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("false", after.Text("active"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scim/v2/Users/99999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/scim/v2/Users/99999999")).Status);
    }

    [Theory]
    [InlineData("{ \"schemas\": [", "invalidSyntax", "not valid JSON")]
    [InlineData("[]", "invalidSyntax", "not a JSON object")]
    [InlineData("{ \"userName\": \"x@aurora-telematics.example\" }", "invalidSyntax", "schemas")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"{email}\", \"favouriteColour\": \"blue\" }", "invalidSyntax", "Unknown attribute \"favouriteColour\"")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"not-an-address\" }", "invalidValue", "userName: \"not-an-address\" is not a valid e-mail address.")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"{email}\", \"active\": \"maybe\" }", "invalidValue", "\"active\" takes true or false.")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"{email}\", \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": { \"department\": \"A/B/C/D/E/F/G/H/I/J/K/L/M/N/O/P\" } }", "invalidValue", "department: The unit path has 16 levels; at most 15 are allowed.")]
    [InlineData("{ \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"{email}\", \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": { \"manager\": { \"value\": \"99999999\" } } }", "invalidValue", "manager: no user with the id 99999999.")]
    public async Task Scim_a_bad_create_gets_a_400_scim_error_and_writes_nothing(string body, string scimType, string says)
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var email = NewEmail("bad");
        var before = await factory.WithDbAsync(async db => (await db.People.CountAsync(), await db.OrgUnits.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action == "people.synced")));

        var answer = await client.PostAsync("/scim/v2/Users", body.Replace("{email}", email));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(ScimClient.Media, answer.MediaType);
        Assert.Equal("400", answer.Text("status"));
        Assert.Equal(scimType, answer.Text("scimType"));
        Assert.Contains(says, answer.Text("detail"));
        Assert.Equal(before, await factory.WithDbAsync(async db => (await db.People.CountAsync(), await db.OrgUnits.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action == "people.synced"))));
    }

    [Fact]
    public async Task Scim_the_import_messages_come_in_the_language_asked_for()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");

        var answer = await client.PostAsync("/scim/v2/Users", """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "not-an-address" }""");

        Assert.Equal("userName: \"not-an-address\" ei ole kelvollinen sähköpostiosoite.", answer.Text("detail"));
    }

    [Theory]
    [InlineData("userName sw \"emma\"")]
    [InlineData("displayName eq \"Emma Laine\"")]
    [InlineData("userName eq \"a\" and active eq true")]
    public async Task Scim_a_filter_it_does_not_support_is_an_invalid_filter_error(string filter)
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;

        var answer = await client.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalidFilter", answer.Text("scimType"));
    }

    [Fact]
    public async Task Scim_a_bad_patch_writes_nothing_not_even_its_valid_operations()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var email = NewEmail("patch");
        var id = (await client.PostAsync("/scim/v2/Users", EntraCreate(email, Guid.NewGuid().ToString()))).Text("id");
        var other = NewEmail("taken");
        await client.PostAsync("/scim/v2/Users", EntraCreate(other, Guid.NewGuid().ToString()));

        var unknownPath = await client.PatchAsync($"/scim/v2/Users/{id}", Patch("""{ "op": "Replace", "path": "displayName", "value": "Changed" }, { "op": "Replace", "path": "shoeSize", "value": "44" }"""));
        var badOp = await client.PatchAsync($"/scim/v2/Users/{id}", Patch("""{ "op": "Move", "path": "displayName", "value": "Changed" }"""));
        var taken = await client.PatchAsync($"/scim/v2/Users/{id}", Patch($$"""{ "op": "Replace", "path": "displayName", "value": "Changed" }, { "op": "Replace", "path": "userName", "value": "{{other}}" }"""));

        Assert.Equal(("invalidPath", "invalidSyntax", "uniqueness"), (unknownPath.Text("scimType"), badOp.Text("scimType"), taken.Text("scimType")));
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        var kept = await factory.WithDbAsync(db => db.People.Where(p => p.Id == int.Parse(id!)).Select(p => new { p.Name, p.Email }).SingleAsync());
        Assert.Equal(("Liisa Nieminen", email), (kept.Name, kept.Email));
    }

    [Fact]
    public async Task Scim_a_new_user_name_changes_the_persons_address_and_their_sign_in_follows()
    {
        var (client, _) = await ScimClient.WithNewTokenAsync(factory);
        using var _c = client;
        var email = NewEmail("renamed");
        var id = (await client.PostAsync("/scim/v2/Users", EntraCreate(email, Guid.NewGuid().ToString()))).Text("id");
        await factory.CreateSignInAsync(email);
        var renamed = NewEmail("newname");

        var answer = await client.PatchAsync($"/scim/v2/Users/{id}", Patch($$"""{ "op": "Replace", "path": "userName", "value": "{{renamed}}" }"""));

        Assert.Equal(renamed, answer.Text("userName"));
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == renamed && u.UserName == renamed)));
        using var person = await PageSession.SignInAsync(factory, renamed);
    }
}
