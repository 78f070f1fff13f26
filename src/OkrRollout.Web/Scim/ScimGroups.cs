using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Scim;

/// <summary>
/// SCIM Groups are the app's roles: a group named for Admin, Ambassador or Leader (or listed for one in
/// <see cref="ScimOptions.RoleMap"/>) gives its members that role, granted and revoked by the rules of
/// the users page (<see cref="RoleGrants"/>: the last administrator stays). Its members are the people
/// with the role, whoever gave it. Units are not groups: they come from the users' department.
/// </summary>
public class ScimGroups(AppDbContext db, RoleGrants grants, ScimOptions options, IStringLocalizer<SharedResource> localizer)
{
    public sealed record Group(int Id, string DisplayName, string? ExternalId, string Role, IReadOnlyList<(int Id, string Name)> Members);

    public async Task<(IReadOnlyList<Group> Groups, int Total)> ListAsync(ScimFilter? filter, int startIndex, int count, bool withMembers, CancellationToken cancellationToken)
    {
        var query = db.ScimGroups.AsNoTracking();
        if (filter is not null)
        {
            var value = filter.Value;
            query = filter.Attribute switch
            {
                ScimFilterAttribute.DisplayName => query.Where(g => g.DisplayName == value),
                ScimFilterAttribute.ExternalId => query.Where(g => g.ExternalId == value),
                ScimFilterAttribute.Id => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? query.Where(g => g.Id == id) : query.Where(g => false),
                _ => throw ScimFilter.Unsupported($"{filter.Attribute} eq \"{value}\""),
            };
        }
        var total = await query.CountAsync(cancellationToken);
        var groups = await query.OrderBy(g => g.Id).Skip(startIndex - 1).Take(count).ToListAsync(cancellationToken);
        var result = new List<Group>();
        foreach (var group in groups)
        {
            result.Add(await WithMembersAsync(group, withMembers, cancellationToken));
        }
        return (result, total);
    }

    public async Task<Group?> FindAsync(int id, bool withMembers, CancellationToken cancellationToken) =>
        await db.ScimGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken) is { } group ? await WithMembersAsync(group, withMembers, cancellationToken) : null;

    public async Task<Group> CreateAsync(JsonNode? body, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var (displayName, externalId, members) = Parse(body);
        var role = RoleOf(displayName);
        if (await db.ScimGroups.AnyAsync(g => g.Role == role, cancellationToken))
        {
            throw new ScimException(HttpStatusCode.Conflict, "uniqueness", $"A group already gives the role {role}.");
        }
        var people = await PeopleAsync(members ?? [], cancellationToken);
        var group = new ScimGroup { DisplayName = displayName, ExternalId = externalId, Role = role };
        db.ScimGroups.Add(group);
        db.Audit(actor, "scim.group-created", nameof(ScimGroup), null, $"{displayName}: {role}");
        await db.SaveChangesAsync(cancellationToken);
        await GrantAsync(role, people, actor, cancellationToken);
        return (await FindAsync(group.Id, withMembers: true, cancellationToken))!;
    }

    /// <summary>PUT: the name, external id and the whole list of members.</summary>
    public async Task<Group> ReplaceAsync(int id, JsonNode? body, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var group = await db.ScimGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw NotFound(id);
        var (displayName, externalId, members) = Parse(body);
        if (RoleOf(displayName) != group.Role)
        {
            throw ScimException.BadRequest("mutability", $"\"{displayName}\" would give another role than {group.Role}: make a new group for it.");
        }
        var wanted = await PeopleAsync(members ?? [], cancellationToken);
        var current = (await WithMembersAsync(group, true, cancellationToken)).Members.Select(m => m.Id).ToHashSet();
        await CheckRevokeAsync(group.Role, current.Except(wanted.Keys).ToList(), cancellationToken);
        group.DisplayName = displayName;
        group.ExternalId = externalId;
        await db.SaveChangesAsync(cancellationToken);
        await GrantAsync(group.Role, wanted.Where(p => !current.Contains(p.Key)).ToDictionary(), actor, cancellationToken);
        await RevokeAsync(group.Role, current.Except(wanted.Keys).ToList(), actor, cancellationToken);
        return (await FindAsync(id, withMembers: true, cancellationToken))!;
    }

    /// <summary>
    /// PATCH: members added ("add", path "members"), removed (Entra ID: "remove" of "members" with a value
    /// list; Okta: path <c>members[value eq "…"]</c>; no value: everyone) or replaced; the name replaced.
    /// Every operation is checked before any is applied.
    /// </summary>
    public async Task<Group> PatchAsync(int id, JsonNode? body, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var group = await db.ScimGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw NotFound(id);
        var members = (await WithMembersAsync(group, true, cancellationToken)).Members.Select(m => m.Id).ToHashSet();
        var before = members.ToHashSet();
        var displayName = group.DisplayName;
        var externalId = group.ExternalId;
        foreach (var (op, path, value) in ScimPatch.Operations(body))
        {
            var (root, filterValue) = PathOf(path);
            switch (op, root)
            {
                case ("add", "members"):
                    members.UnionWith(MemberNumbers(value));
                    break;
                case ("replace", "members"):
                    members = MemberNumbers(value).ToHashSet();
                    break;
                case ("remove", "members") when filterValue is not null:
                    members.Remove(Id(filterValue));
                    break;
                case ("remove", "members"):
                    var removed = value is null ? members.ToList() : MemberNumbers(value);
                    members.ExceptWith(removed);
                    break;
                case ("add" or "replace", "displayname"):
                    displayName = Text(value, "displayName");
                    break;
                case ("add" or "replace", "externalid"):
                    externalId = value is null ? null : Text(value, "externalId");
                    break;
                case ("add" or "replace", null) when value is JsonObject attributes:
                    foreach (var (key, inner) in attributes)
                    {
                        switch (key.ToLowerInvariant())
                        {
                            case "displayname":
                                displayName = Text(inner, key);
                                break;
                            case "externalid":
                                externalId = inner is null ? null : Text(inner, key);
                                break;
                            case "members" when op == "add":
                                members.UnionWith(MemberNumbers(inner));
                                break;
                            case "members":
                                members = MemberNumbers(inner).ToHashSet();
                                break;
                            case "id" or "schemas" or "meta":
                                break;
                            default:
                                throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"{key}\".");
                        }
                    }
                    break;
                default:
                    throw ScimException.BadRequest("invalidPath", $"\"{op}\" of \"{path}\" is not supported on a group.");
            }
        }
        if (RoleOf(displayName) != group.Role)
        {
            throw ScimException.BadRequest("mutability", $"\"{displayName}\" would give another role than {group.Role}: make a new group for it.");
        }
        var added = await PeopleAsync(members.Except(before).Select(i => i.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        var revoked = before.Except(members).ToList();
        await CheckRevokeAsync(group.Role, revoked, cancellationToken);
        group.DisplayName = displayName;
        group.ExternalId = externalId;
        await db.SaveChangesAsync(cancellationToken);
        await GrantAsync(group.Role, added, actor, cancellationToken);
        await RevokeAsync(group.Role, revoked, actor, cancellationToken);
        return (await FindAsync(id, withMembers: true, cancellationToken))!;
    }

    /// <summary>The provider no longer assigns the group: its role is taken from its members (never from the last administrator).</summary>
    public async Task DeleteAsync(int id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var group = await db.ScimGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw NotFound(id);
        var members = (await WithMembersAsync(group, true, cancellationToken)).Members.Select(m => m.Id).ToList();
        await CheckRevokeAsync(group.Role, members, cancellationToken);
        db.ScimGroups.Remove(group);
        db.Audit(actor, "scim.group-deleted", nameof(ScimGroup), group.Id, $"{group.DisplayName}: {group.Role}");
        await db.SaveChangesAsync(cancellationToken);
        await RevokeAsync(group.Role, members, actor, cancellationToken);
    }

    public static ScimException NotFound(int id) => ScimException.NotFound($"No group with the id {id}.");

    /// <summary>The role a group's name gives: the role's own name, or a name listed for it in Scim:RoleMap.</summary>
    private string RoleOf(string displayName)
    {
        var name = displayName.Trim();
        var role = Roles.Granted.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase))
            ?? options.RoleMap.Where(entry => entry.Value.Any(g => string.Equals(g, name, StringComparison.OrdinalIgnoreCase)))
                .Select(entry => Roles.Granted.FirstOrDefault(r => string.Equals(r, entry.Key, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(r => r is not null);
        return role ?? throw ScimException.BadRequest("invalidValue",
            $"The group \"{name}\" gives no role: name it Admin, Ambassador or Leader, or list it under Scim:RoleMap. Units come from the users' department, not from groups.");
    }

    private async Task<Group> WithMembersAsync(ScimGroup group, bool withMembers, CancellationToken cancellationToken)
    {
        if (!withMembers)
        {
            return new Group(group.Id, group.DisplayName, group.ExternalId, group.Role, []);
        }
        var emails = db.UsersInRole(group.Role).Select(u => u.Email);
        var members = await db.People.AsNoTracking().Where(p => emails.Contains(p.Email)).OrderBy(p => p.Id).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        return new Group(group.Id, group.DisplayName, group.ExternalId, group.Role, members.Select(m => (m.Id, m.Name)).ToList());
    }

    /// <summary>The people these SCIM ids name, by id with their address; an unknown id is refused.</summary>
    private async Task<Dictionary<int, string>> PeopleAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Select(Id).Distinct().ToList();
        var people = await db.People.Where(p => wanted.Contains(p.Id)).Select(p => new { p.Id, p.Email }).ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
        var unknown = wanted.Where(id => !people.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw ScimException.BadRequest("invalidValue", localizer["members: no user with the id {0}.", string.Join(", ", unknown)].Value);
        }
        return people;
    }

    private async Task CheckRevokeAsync(string role, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken)
    {
        if (role != Roles.Admin || personIds.Count == 0)
        {
            return;
        }
        var leaving = await db.People.Where(p => personIds.Contains(p.Id)).Select(p => p.Email).ToListAsync(cancellationToken);
        var admins = await db.UsersInRole(Roles.Admin).Select(u => u.Email!).ToListAsync(cancellationToken);
        var activeAdmins = await db.People.CountAsync(p => p.IsActive && admins.Contains(p.Email), cancellationToken);
        var activeLeaving = await db.People.CountAsync(p => p.IsActive && leaving.Contains(p.Email) && admins.Contains(p.Email), cancellationToken);
        if (activeAdmins - activeLeaving < 1)
        {
            throw ScimException.BadRequest("mutability", localizer[RoleRules.LastAdmin].Value);
        }
    }

    private async Task GrantAsync(string role, Dictionary<int, string> people, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        foreach (var email in people.Values)
        {
            if (await grants.GrantAsync(email, role, actor, cancellationToken) is { } why)
            {
                throw ScimException.BadRequest("invalidValue", $"{email}: {localizer[why].Value}");
            }
        }
    }

    private async Task RevokeAsync(string role, IReadOnlyCollection<int> personIds, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var emails = await db.People.Where(p => personIds.Contains(p.Id)).Select(p => p.Email).ToListAsync(cancellationToken);
        foreach (var email in emails)
        {
            if (await grants.RevokeAsync(email, role, actor, cancellationToken) is { } why)
            {
                throw ScimException.BadRequest("mutability", $"{email}: {localizer[why].Value}");
            }
        }
    }

    private static (string DisplayName, string? ExternalId, List<string>? Members) Parse(JsonNode? body)
    {
        if (body is not JsonObject resource)
        {
            throw ScimException.BadRequest("invalidSyntax", "The request body is not a JSON object.");
        }
        string? displayName = null;
        string? externalId = null;
        List<string>? members = null;
        foreach (var (key, value) in resource)
        {
            switch (key.ToLowerInvariant())
            {
                case "displayname":
                    displayName = Text(value, key);
                    break;
                case "externalid":
                    externalId = value is null ? null : Text(value, key);
                    break;
                case "members":
                    members = MemberIds(value);
                    break;
                case "schemas" or "id" or "meta":
                    break;
                default:
                    throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"{key}\".");
            }
        }
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw ScimException.BadRequest("invalidValue", "\"displayName\" is required.");
        }
        if (displayName.Length > TextLimits.Name || externalId is { Length: > TextLimits.ExternalId })
        {
            throw ScimException.BadRequest("invalidValue", "\"displayName\" or \"externalId\" is too long.");
        }
        return (displayName.Trim(), externalId, members);
    }

    private static (string? Root, string? FilterValue) PathOf(string? path)
    {
        if (path is null)
        {
            return (null, null);
        }
        var match = System.Text.RegularExpressions.Regex.Match(path, """^\s*members\s*\[\s*value\s+eq\s+"(?<id>[^"]*)"\s*\]\s*$""", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        return match.Success ? ("members", match.Groups["id"].Value) : (path.Trim().ToLowerInvariant(), null);
    }

    private static List<string> MemberIds(JsonNode? value) => value switch
    {
        null => [],
        JsonArray list => list.Select(m => m is JsonObject o && ScimJson.Attribute(o, "value", out var v) ? Text(v, "members.value") : throw ScimException.BadRequest("invalidValue", "Each member is an object with a \"value\".")).ToList(),
        JsonObject one when ScimJson.Attribute(one, "value", out var v) => [Text(v, "members.value")],
        _ => throw ScimException.BadRequest("invalidValue", "\"members\" takes a list of objects with a \"value\"."),
    };

    private static List<int> MemberNumbers(JsonNode? value) => [.. MemberIds(value).Select(Id)];

    private static int Id(string id) => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw ScimException.BadRequest("invalidValue", $"members: no user with the id {id}.");

    private static string Text(JsonNode? value, string path) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw ScimException.BadRequest("invalidValue", $"\"{path}\" takes a string.");

    public static JsonObject ToJson(Group group, string location, string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Group),
        ["id"] = group.Id.ToString(CultureInfo.InvariantCulture),
        ["externalId"] = group.ExternalId,
        ["displayName"] = group.DisplayName,
        ["members"] = new JsonArray([.. group.Members.Select(m => (JsonNode)new JsonObject
        {
            ["value"] = m.Id.ToString(CultureInfo.InvariantCulture),
            ["display"] = m.Name,
            ["$ref"] = $"{baseUrl}/scim/v2/Users/{m.Id.ToString(CultureInfo.InvariantCulture)}",
        })]),
        ["meta"] = new JsonObject { ["resourceType"] = "Group", ["location"] = location },
    };
}
