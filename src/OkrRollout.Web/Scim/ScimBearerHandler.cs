using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OkrRollout.Web.Scim;

/// <summary>
/// Authenticates directory sync by its bearer token (<see cref="ScimTokens"/>). The identity is the
/// token's name, for the audit trail; it carries no role and signs nobody in to the pages.
/// </summary>
public sealed class ScimBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScimTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimBearer";

    /// <summary>The claim holding the token's id.</summary>
    public const string TokenIdClaim = "okrrollout:scim-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var value = header["Bearer ".Length..].Trim();
        if (value.Length is 0 or > 200 || await tokens.FindUsableAsync(value, Context.RequestAborted) is not { } token)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "scim:" + token.Name), new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        Response.ContentType = ScimJson.ContentType;
        await Response.WriteAsync(ScimErrors.Body(HttpStatusCode.Unauthorized, null, "A valid bearer token is required: make one on the users page (Directory sync).").ToJsonString());
    }
}
