using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

/// <summary>
/// SCIM 2.0 at /scim/v2 (RFC 7644): Users, ServiceProviderConfig, Schemas and ResourceTypes, for the
/// bearer tokens of directory sync only. Groups are the app's roles (<see cref="ScimGroups"/>);
/// units come from the users' department.
/// </summary>
public static class ScimEndpoints
{
    public const string Policy = "Scim";

    public static RouteGroupBuilder MapScim(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup("/scim/v2").RequireAuthorization(Policy).DisableAntiforgery();
        scim.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ScimException exception)
            {
                return ScimJson.Result(exception.ToJson(), (int)exception.Status);
            }
        });

        scim.MapGet("/ServiceProviderConfig", (HttpRequest request) => ScimJson.Result(ScimSchemas.ServiceProviderConfig(BaseUrl(request))));
        scim.MapGet("/ResourceTypes", (HttpRequest request) => ScimJson.Result(ScimSchemas.ResourceTypes(BaseUrl(request))));
        scim.MapGet("/ResourceTypes/User", (HttpRequest request) => ScimJson.Result(ScimSchemas.UserResourceType(BaseUrl(request))));
        scim.MapGet("/Schemas", (HttpRequest request) => ScimJson.Result(ScimSchemas.Schemas(BaseUrl(request))));
        scim.MapGet("/Schemas/{id}", (string id, HttpRequest request) => id switch
        {
            _ when id.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase) => ScimJson.Result(ScimSchemas.UserSchema(BaseUrl(request))),
            _ when id.Equals(ScimSchemas.Enterprise, StringComparison.OrdinalIgnoreCase) => ScimJson.Result(ScimSchemas.EnterpriseSchema(BaseUrl(request))),
            _ when id.Equals(ScimSchemas.Group, StringComparison.OrdinalIgnoreCase) => ScimJson.Result(ScimSchemas.GroupSchema(BaseUrl(request))),
            _ => throw ScimException.NotFound($"No schema {id}."),
        });

        scim.MapGet("/Users", ListAsync);
        scim.MapPost("/Users", CreateAsync);
        scim.MapGet("/Users/{id}", GetAsync);
        scim.MapPut("/Users/{id}", ReplaceAsync);
        scim.MapPatch("/Users/{id}", PatchAsync);
        scim.MapDelete("/Users/{id}", DeleteAsync);
        scim.MapGet("/ResourceTypes/Group", (HttpRequest request) => ScimJson.Result(ScimSchemas.GroupResourceType(BaseUrl(request))));
        scim.MapGet("/Groups", ListGroupsAsync);
        scim.MapPost("/Groups", CreateGroupAsync);
        scim.MapGet("/Groups/{id}", GetGroupAsync);
        scim.MapPut("/Groups/{id}", async (string id, HttpRequest request, ScimGroups groups, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
            GroupResult(request, await groups.ReplaceAsync(GroupId(id), await ScimJson.ReadAsync(request, cancellationToken), actor, cancellationToken)));
        scim.MapPatch("/Groups/{id}", async (string id, HttpRequest request, ScimGroups groups, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
            GroupResult(request, await groups.PatchAsync(GroupId(id), await ScimJson.ReadAsync(request, cancellationToken), actor, cancellationToken)));
        scim.MapDelete("/Groups/{id}", async (string id, ScimGroups groups, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        {
            await groups.DeleteAsync(GroupId(id), actor, cancellationToken);
            return Results.NoContent();
        });
        scim.MapFallback(() => ScimJson.Result(ScimErrors.Body(HttpStatusCode.NotFound, null, "No such SCIM endpoint."), StatusCodes.Status404NotFound));
        return scim;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ScimUsers users, string? filter, int? startIndex, int? count, CancellationToken cancellationToken)
    {
        var parsed = ScimFilter.Parse(filter);
        var (start, take) = Page(startIndex, count);
        var (people, total) = await users.ListAsync(parsed, start, take, cancellationToken);
        var baseUrl = BaseUrl(request);
        return ScimJson.Result(ScimSchemas.List([.. people.Select(p => ScimUser.ToJson(p, Location(baseUrl, p.Id)))], total, start));
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, ScimUsers users, CancellationToken cancellationToken)
    {
        var person = await users.FindAsync(Id(id), cancellationToken) ?? throw ScimUsers.NotFound(Id(id));
        return ScimJson.Result(ScimUser.ToJson(person, Location(BaseUrl(request), person.Id)));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ScimUsers users, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var user = ScimUser.Parse(await ScimJson.ReadAsync(request, cancellationToken));
        var person = await users.CreateAsync(user, actor, cancellationToken);
        var location = Location(BaseUrl(request), person.Id);
        return ScimJson.Result(ScimUser.ToJson(person, location), StatusCodes.Status201Created, location);
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, ScimUsers users, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var user = ScimUser.Parse(await ScimJson.ReadAsync(request, cancellationToken));
        var person = await users.ReplaceAsync(Id(id), current =>
        {
            // A whole resource replaces what it names; what it leaves out is cleared, but the unit stays (every person has one).
            user.Department ??= current.Department;
            return user;
        }, actor, cancellationToken);
        return ScimJson.Result(ScimUser.ToJson(person, Location(BaseUrl(request), person.Id)));
    }

    private static async Task<IResult> PatchAsync(string id, HttpRequest request, ScimUsers users, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var change = ScimPatch.Parse(await ScimJson.ReadAsync(request, cancellationToken));
        var person = await users.ReplaceAsync(Id(id), change, actor, cancellationToken);
        return ScimJson.Result(ScimUser.ToJson(person, Location(BaseUrl(request), person.Id)));
    }

    /// <summary>Deactivates: the person stays in the directory (their training, OKRs and history are the organisation's record).</summary>
    private static async Task<IResult> DeleteAsync(string id, ScimUsers users, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await users.ReplaceAsync(Id(id), current =>
        {
            current.Active = false;
            return current;
        }, actor, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ListGroupsAsync(HttpRequest request, ScimGroups groups, string? filter, int? startIndex, int? count, string? excludedAttributes, CancellationToken cancellationToken)
    {
        var parsed = ScimFilter.Parse(filter);
        var (start, take) = Page(startIndex, count);
        // Entra ID asks for groups without their members when it only wants to know they exist.
        var withMembers = excludedAttributes is null || !excludedAttributes.Split(',').Any(a => a.Trim().Equals("members", StringComparison.OrdinalIgnoreCase));
        var (found, total) = await groups.ListAsync(parsed, start, take, withMembers, cancellationToken);
        var baseUrl = BaseUrl(request);
        return ScimJson.Result(ScimSchemas.List([.. found.Select(g => ScimGroups.ToJson(g, GroupLocation(baseUrl, g.Id), baseUrl))], total, start));
    }

    private static async Task<IResult> GetGroupAsync(string id, HttpRequest request, ScimGroups groups, CancellationToken cancellationToken) =>
        GroupResult(request, await groups.FindAsync(GroupId(id), withMembers: true, cancellationToken) ?? throw ScimGroups.NotFound(GroupId(id)));

    private static async Task<IResult> CreateGroupAsync(HttpRequest request, ScimGroups groups, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var group = await groups.CreateAsync(await ScimJson.ReadAsync(request, cancellationToken), actor, cancellationToken);
        var location = GroupLocation(BaseUrl(request), group.Id);
        return ScimJson.Result(ScimGroups.ToJson(group, location, BaseUrl(request)), StatusCodes.Status201Created, location);
    }

    private static IResult GroupResult(HttpRequest request, ScimGroups.Group group) =>
        ScimJson.Result(ScimGroups.ToJson(group, GroupLocation(BaseUrl(request), group.Id), BaseUrl(request)));

    private static int GroupId(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw ScimException.NotFound($"No group with the id {id}.");

    private static string GroupLocation(string baseUrl, int id) => $"{baseUrl}/scim/v2/Groups/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>startIndex counts from 1 (below is read as 1); count from 0, 100 when not given, at most <see cref="ScimSchemas.MaxResults"/> (RFC 7644 §3.4.2.4).</summary>
    private static (int Start, int Take) Page(int? startIndex, int? count) =>
        (Math.Max(1, startIndex ?? 1), Math.Clamp(count ?? 100, 0, ScimSchemas.MaxResults));

    private static int Id(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw ScimException.NotFound($"No user with the id {id}.");

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string Location(string baseUrl, int id) => $"{baseUrl}/scim/v2/Users/{id.ToString(CultureInfo.InvariantCulture)}";
}
