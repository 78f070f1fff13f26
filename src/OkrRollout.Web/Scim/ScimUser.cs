using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

/// <summary>
/// A SCIM User as the directory keeps it: the work address is the <c>userName</c>, the enterprise
/// extension's <c>department</c> is the unit and its <c>manager</c> the manager (by SCIM id). Other
/// attributes of the two schemas are accepted and not kept; attributes of no schema are refused.
/// </summary>
public sealed class ScimUser
{
    public string? ExternalId { get; set; }
    public string UserName { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Formatted { get; set; }
    public string? PreferredLanguage { get; set; }
    public bool Active { get; set; } = true;
    public string? Department { get; set; }
    public string? ManagerId { get; set; }

    /// <summary>The person's name as the directory shows it.</summary>
    public string Name =>
        FirstOf(DisplayName, Formatted, $"{GivenName} {FamilyName}".Trim()) ?? UserName;

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    /// <summary>Reads a whole resource (POST, PUT).</summary>
    public static ScimUser Parse(JsonNode? body)
    {
        if (body is not JsonObject resource)
        {
            throw ScimException.BadRequest("invalidSyntax", "The request body is not a JSON object.");
        }
        if (!ScimJson.Attribute(resource, "schemas", out var schemas) || schemas is not JsonArray list || !list.Any(s => s is JsonValue v && v.TryGetValue<string>(out var name) && string.Equals(name, ScimSchemas.User, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.BadRequest("invalidSyntax", $"\"schemas\" must name {ScimSchemas.User}.");
        }
        var user = new ScimUser();
        foreach (var (key, value) in resource)
        {
            try
            {
                user.Set(key, value);
            }
            catch (ScimException exception) when (exception.ScimType == "invalidPath")
            {
                // In a whole resource an attribute of no schema makes the body not conform to it (RFC 7644 §3.12); invalidPath is PATCH's.
                throw ScimException.BadRequest("invalidSyntax", exception.Message);
            }
        }
        if (string.IsNullOrWhiteSpace(user.UserName))
        {
            throw ScimException.BadRequest("invalidValue", "\"userName\" is required.");
        }
        return user;
    }

    /// <summary>Sets one attribute by its name or path as PATCH and whole resources name it; null removes it.</summary>
    public void Set(string attribute, JsonNode? value)
    {
        var path = attribute.Trim();
        if (path.StartsWith(ScimSchemas.Enterprise, StringComparison.OrdinalIgnoreCase))
        {
            var rest = path[ScimSchemas.Enterprise.Length..];
            if (rest.Length == 0)
            {
                foreach (var (key, inner) in Object(value, path))
                {
                    SetEnterprise(key, inner);
                }
                return;
            }
            if (rest[0] != ':')
            {
                throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"{attribute}\".");
            }
            SetEnterprise(rest[1..], value);
            return;
        }
        if (path.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase))
        {
            path = path[(ScimSchemas.User.Length + 1)..];
        }
        var (root, sub) = Split(path);
        switch (root.ToLowerInvariant())
        {
            case "schemas" or "id" or "meta":
                return;
            case "username":
                UserName = String(value, path) ?? "";
                return;
            case "externalid":
                ExternalId = String(value, path);
                return;
            case "displayname":
                DisplayName = String(value, path);
                return;
            case "preferredlanguage":
                PreferredLanguage = String(value, path);
                return;
            case "active":
                Active = Boolean(value, path);
                return;
            case "name" when sub is null:
                GivenName = FamilyName = Formatted = null;
                foreach (var (key, inner) in Object(value, path))
                {
                    SetName(key, inner);
                }
                return;
            case "name":
                SetName(sub, value);
                return;
            case var known when ScimSchemas.UserAttributesNotKept.Contains(known):
                return;
            default:
                throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"{attribute}\".");
        }
    }

    private void SetName(string key, JsonNode? value)
    {
        switch (key.ToLowerInvariant())
        {
            case "givenname":
                GivenName = String(value, "name." + key);
                break;
            case "familyname":
                FamilyName = String(value, "name." + key);
                break;
            case "formatted":
                Formatted = String(value, "name." + key);
                break;
            case "middlename" or "honorificprefix" or "honorificsuffix":
                break;
            default:
                throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"name.{key}\".");
        }
    }

    private void SetEnterprise(string key, JsonNode? value)
    {
        var (root, sub) = Split(key);
        switch (root.ToLowerInvariant())
        {
            case "department":
                Department = String(value, key);
                break;
            case "manager" when sub is null:
                // Entra sends the manager's id as a string, Okta and RFC 7643 as {"value": id}.
                ManagerId = value is JsonObject manager ? (ScimJson.Attribute(manager, "value", out var id) ? String(id, "manager.value") : null) : String(value, key);
                break;
            case "manager" when string.Equals(sub, "value", StringComparison.OrdinalIgnoreCase):
                ManagerId = String(value, key);
                break;
            case "manager" when sub is not null && (sub.Equals("displayName", StringComparison.OrdinalIgnoreCase) || sub.Equals("$ref", StringComparison.OrdinalIgnoreCase)):
                break;
            case "employeenumber" or "costcenter" or "organization" or "division":
                break;
            default:
                throw ScimException.BadRequest("invalidPath", $"Unknown attribute \"{ScimSchemas.Enterprise}:{key}\".");
        }
    }

    /// <summary>"name.givenName" → ("name", "givenName"); a filter in brackets stays with the root ("emails[type eq \"work\"].value" → "emails").</summary>
    private static (string Root, string? Sub) Split(string path)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (bracket >= 0 && (dot < 0 || bracket < dot))
        {
            return (path[..bracket], null);
        }
        return dot < 0 ? (path, null) : (path[..dot], path[(dot + 1)..]);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Object(JsonNode? value, string path) => value switch
    {
        JsonObject o => o,
        null => [],
        _ => throw ScimException.BadRequest("invalidValue", $"\"{path}\" takes an object."),
    };

    private static string? String(JsonNode? value, string path)
    {
        if (value is null)
        {
            return null;
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            return text.Length == 0 ? null : text;
        }
        throw ScimException.BadRequest("invalidValue", $"\"{path}\" takes a string.");
    }

    /// <summary>true/false, or "True"/"False" as Entra ID sends them.</summary>
    private static bool Boolean(JsonNode? value, string path)
    {
        if (value is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var parsed):
                    return parsed;
            }
        }
        throw ScimException.BadRequest("invalidValue", $"\"{path}\" takes true or false.");
    }

    public static JsonObject ToJson(ScimPerson person, string location) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.Enterprise),
        ["id"] = person.Id.ToString(CultureInfo.InvariantCulture),
        ["externalId"] = person.ExternalId,
        ["userName"] = person.Email,
        ["displayName"] = person.Name,
        ["name"] = new JsonObject { ["formatted"] = person.Name },
        ["emails"] = new JsonArray(new JsonObject { ["value"] = person.Email, ["type"] = "work", ["primary"] = true }),
        ["preferredLanguage"] = person.Language,
        ["active"] = person.IsActive,
        [ScimSchemas.Enterprise] = new JsonObject
        {
            ["department"] = person.UnitPath,
            ["manager"] = person.ManagerId is { } manager ? new JsonObject { ["value"] = manager.ToString(CultureInfo.InvariantCulture), ["displayName"] = person.ManagerName } : null,
        },
        ["meta"] = new JsonObject { ["resourceType"] = "User", ["location"] = location },
    };
}

/// <summary>A person as SCIM shows them.</summary>
public sealed record ScimPerson(int Id, string? ExternalId, string Email, string Name, string Language, bool IsActive, string UnitPath, int? ManagerId, string? ManagerName);
