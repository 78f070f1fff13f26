using System.Net;
using System.Text.Json.Nodes;

namespace OkrRollout.Web.Scim;

/// <summary>A request SCIM answers with an error (RFC 7644 §3.12): its status, <c>scimType</c> and a detail in words.</summary>
public sealed class ScimException(HttpStatusCode status, string? scimType, string detail) : Exception(detail)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>invalidFilter, invalidSyntax, invalidPath, invalidValue, uniqueness, mutability, tooMany, noTarget; null where RFC 7644 names none.</summary>
    public string? ScimType { get; } = scimType;

    public static ScimException BadRequest(string scimType, string detail) => new(HttpStatusCode.BadRequest, scimType, detail);

    public static ScimException NotFound(string detail) => new(HttpStatusCode.NotFound, null, detail);

    public JsonObject ToJson() => ScimErrors.Body(Status, ScimType, Message);
}

public static class ScimErrors
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static JsonObject Body(HttpStatusCode status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(Schema),
            ["status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }
        return body;
    }
}
