using System.Text.Json;
using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

public static class ScimJson
{
    public const string ContentType = "application/scim+json";

    /// <summary>An attribute by its name in any case (SCIM attribute names are case-insensitive).</summary>
    public static bool Attribute(JsonObject resource, string name, out JsonNode? value)
    {
        foreach (var (key, node) in resource)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The request's JSON body; malformed JSON is a SCIM invalidSyntax error, not an exception page.</summary>
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw ScimException.BadRequest("invalidSyntax", "The request body is not valid JSON: " + exception.Message.Split('.')[0] + ".");
        }
    }

    /// <summary>Attributes without a value are left out of answers (RFC 7643 §2.5: unassigned is not null); strict validators refuse nulls.</summary>
    public static JsonNode WithoutNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    o.Remove(key);
                }
                foreach (var (_, value) in o)
                {
                    WithoutNulls(value!);
                }
                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                {
                    WithoutNulls(item);
                }
                break;
        }
        return node;
    }

    public static IResult Result(JsonNode body, int status = StatusCodes.Status200OK, string? location = null) =>
        new ScimResult(body, status, location);

    private sealed class ScimResult(JsonNode body, int status, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }
            await httpContext.Response.WriteAsync(WithoutNulls(body).ToJsonString(), httpContext.RequestAborted);
        }
    }
}
