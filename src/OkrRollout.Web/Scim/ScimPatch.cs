using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

/// <summary>
/// PATCH operations (RFC 7644 §3.5.2) on a user: add, replace and remove, with a path or, as Okta
/// and Entra ID also send them, without one and an object of attributes as the value. Operation names
/// in any case ("Replace"), booleans as strings ("False").
/// </summary>
public static class ScimPatch
{
    public static Func<ScimUser, ScimUser> Parse(JsonNode? body)
    {
        var steps = Operations(body).Select(o => Step(o.Op, o.Path, o.Value)).ToList();
        return user =>
        {
            foreach (var step in steps)
            {
                step(user);
            }
            return user;
        };
    }

    /// <summary>The operations of a PATCH request: the op in lower case, its path (null when none) and value.</summary>
    public static IReadOnlyList<(string Op, string? Path, JsonNode? Value)> Operations(JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            throw ScimException.BadRequest("invalidSyntax", "The request body is not a JSON object.");
        }
        if (!ScimJson.Attribute(request, "schemas", out var schemas) || schemas is not JsonArray list || !list.Any(s => s is JsonValue v && v.TryGetValue<string>(out var name) && string.Equals(name, ScimSchemas.PatchOp, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.BadRequest("invalidSyntax", $"\"schemas\" must name {ScimSchemas.PatchOp}.");
        }
        if (!ScimJson.Attribute(request, "Operations", out var operationsNode) || operationsNode is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.BadRequest("invalidSyntax", "\"Operations\" must list at least one operation.");
        }
        return [.. operations.Select(Operation)];
    }

    private static (string Op, string? Path, JsonNode? Value) Operation(JsonNode? node)
    {
        if (node is not JsonObject operation || !ScimJson.Attribute(operation, "op", out var opNode) || opNode is not JsonValue opValue || !opValue.TryGetValue<string>(out var op))
        {
            throw ScimException.BadRequest("invalidSyntax", "Each operation needs an \"op\".");
        }
        var path = ScimJson.Attribute(operation, "path", out var pathNode) && pathNode is JsonValue pathValue && pathValue.TryGetValue<string>(out var p) && p.Length > 0 ? p : null;
        ScimJson.Attribute(operation, "value", out var value);
        return op.ToLowerInvariant() is "add" or "replace" or "remove"
            ? (op.ToLowerInvariant(), path, value?.DeepClone())
            : throw ScimException.BadRequest("invalidSyntax", $"\"{op}\" is not a PATCH operation: use add, replace or remove.");
    }

    private static Action<ScimUser> Step(string op, string? path, JsonNode? value)
    {
        switch (op)
        {
            case "add" or "replace" when path is not null:
                return user => user.Set(path, SingleOf(value?.DeepClone()));
            case "add" or "replace" when value is JsonObject attributes:
                var copy = (JsonObject)attributes.DeepClone();
                return user =>
                {
                    foreach (var (key, inner) in copy)
                    {
                        user.Set(key, SingleOf(inner?.DeepClone()));
                    }
                };
            case "add" or "replace":
                throw ScimException.BadRequest("invalidSyntax", $"\"{op}\" without a path takes an object of attributes as its value.");
            case "remove" when path is null:
                throw ScimException.BadRequest("noTarget", "\"remove\" needs a path.");
            case "remove":
                return user => user.Set(path, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>Entra ID sends single values of a path wrapped in an array at times, e.g. the manager as [{"value": "…"}].</summary>
    private static JsonNode? SingleOf(JsonNode? value) => value is JsonArray { Count: 1 } array && array[0] is JsonObject ? array[0]!.DeepClone() : value;
}
