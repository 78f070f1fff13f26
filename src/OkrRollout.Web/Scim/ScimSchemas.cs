using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

/// <summary>The schemas the service speaks and what it tells a provider about itself (RFC 7643 §5–7).</summary>
public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public const int MaxResults = 1000;

    /// <summary>Core User attributes a provider may send that the directory does not keep (lower case).</summary>
    public static readonly HashSet<string> UserAttributesNotKept =
    [
        "nickname", "profileurl", "title", "usertype", "locale", "timezone", "password", "emails", "phonenumbers",
        "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509certificates",
    ];

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["documentationUri"] = baseUrl + "/",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A token an Admin makes on the users page (Directory sync).",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = baseUrl + "/scim/v2/ServiceProviderConfig" },
    };

    public static JsonObject ResourceTypes(string baseUrl) => List([UserResourceType(baseUrl), GroupResourceType(baseUrl)]);

    public static JsonObject GroupResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = "Group",
        ["name"] = "Group",
        ["endpoint"] = "/Groups",
        ["description"] = "A role of the app (Admin, Ambassador, Leader) and the people who have it",
        ["schema"] = Group,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = baseUrl + "/scim/v2/ResourceTypes/Group" },
    };

    public static JsonObject UserResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A person of the directory",
        ["schema"] = User,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = Enterprise, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = baseUrl + "/scim/v2/ResourceTypes/User" },
    };

    public static JsonObject Schemas(string baseUrl) => List([UserSchema(baseUrl), EnterpriseSchema(baseUrl), GroupSchema(baseUrl)]);

    public static JsonObject GroupSchema(string baseUrl) => Schema(baseUrl, Group, "Group", "A role of the app and the people who have it",
        Attribute("displayName", "Admin, Ambassador or Leader, or a name Scim:RoleMap lists for one of them.", required: true, uniqueness: "server"),
        Attribute("externalId", "The identity provider's id for the group.", caseExact: true),
        Complex("members", "The people with the role, by SCIM id.", Attribute("value", "A user's id."), Attribute("display", "The user's name.", mutability: "readOnly")));

    public static JsonObject UserSchema(string baseUrl) => Schema(baseUrl, User, "User", "A person of the directory",
        Attribute("userName", "The work e-mail address: the person's key in the directory.", required: true, uniqueness: "server"),
        Attribute("externalId", "The identity provider's id for the person.", caseExact: true),
        Attribute("displayName", "The name shown in the app."),
        Complex("name", "The person's name; used when there is no displayName.",
            Attribute("formatted", "The whole name."), Attribute("givenName", "Given name."), Attribute("familyName", "Family name.")),
        Attribute("preferredLanguage", "fi or en (fi-FI, en-US … are read as fi and en); e-mails go out in it."),
        Attribute("active", "false deactivates the person: signed out, links void, never deleted.", type: "boolean"));

    public static JsonObject EnterpriseSchema(string baseUrl) => Schema(baseUrl, Enterprise, "EnterpriseUser", "Unit and manager",
        Attribute("department", "The unit: a path such as Company/Function/Team, or a unit's name when one unit has it. Units are created when missing."),
        Complex("manager", "The manager, by SCIM id.", Attribute("value", "The manager's id."), Attribute("displayName", "The manager's name.", mutability: "readOnly")));

    private static JsonObject Schema(string baseUrl, string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = baseUrl + "/scim/v2/Schemas/" + id },
    };

    private static JsonObject Attribute(string name, string description, bool required = false, string type = "string", string uniqueness = "none", bool caseExact = false, string mutability = "readWrite") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["description"] = description,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, description, type: "complex");
        attribute["subAttributes"] = new JsonArray(subAttributes);
        return attribute;
    }

    public static JsonObject List(IReadOnlyList<JsonNode> resources, int? total = null, int startIndex = 1) => new()
    {
        ["schemas"] = new JsonArray(ListResponse),
        ["totalResults"] = total ?? resources.Count,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    };
}
