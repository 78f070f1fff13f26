using System.Text.RegularExpressions;

namespace OkrRollout.Web.Scim;

public enum ScimFilterAttribute
{
    UserName,
    ExternalId,
    Id,

    /// <summary>Groups only.</summary>
    DisplayName,
}

/// <summary>
/// The filters providers send to find a person before they create one: <c>userName eq "…"</c>,
/// <c>externalId eq "…"</c>, <c>id eq "…"</c> and <c>emails[type eq "work"].value eq "…"</c> (the address).
/// Anything else is refused as invalidFilter rather than answered wrongly.
/// </summary>
public sealed partial record ScimFilter(ScimFilterAttribute Attribute, string Value)
{
    [GeneratedRegex("""^\s*(?<attribute>[A-Za-z.:\[\]" 0-9]+?)\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Equality();

    [GeneratedRegex("""^emails(\[\s*type\s+eq\s+"work"\s*\])?\.value$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailValue();

    public static ScimFilter? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }
        var match = filter.Length <= 1000 ? Equality().Match(filter) : Match.Empty;
        if (!match.Success)
        {
            throw Unsupported(filter);
        }
        var attribute = match.Groups["attribute"].Value.Trim();
        if (attribute.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase))
        {
            attribute = attribute[(ScimSchemas.User.Length + 1)..];
        }
        var value = Regex.Unescape(match.Groups["value"].Value);
        return attribute.ToLowerInvariant() switch
        {
            "username" => new ScimFilter(ScimFilterAttribute.UserName, value),
            "externalid" => new ScimFilter(ScimFilterAttribute.ExternalId, value),
            "id" => new ScimFilter(ScimFilterAttribute.Id, value),
            "displayname" => new ScimFilter(ScimFilterAttribute.DisplayName, value),
            _ when EmailValue().IsMatch(attribute) => new ScimFilter(ScimFilterAttribute.UserName, value),
            _ => throw Unsupported(filter),
        };
    }

    public static ScimException Unsupported(string filter) => ScimException.BadRequest("invalidFilter",
        $"The filter \"{filter}\" is not supported: use userName, externalId, id or emails.value (users), displayName, externalId or id (groups) with eq and a quoted value.");
}
