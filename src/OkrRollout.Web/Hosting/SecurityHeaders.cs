using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace OkrRollout.Web.Hosting;

/// <summary>
/// Headers on every response, added as it starts so that error answers and exports written straight
/// to the body carry them too. The policy lets the pages run this origin's scripts and styles only:
/// nothing inline and no eval (the pages hold none, see SecurityHeadersTests); a response with a
/// policy of its own keeps it and its framing rule. A response that says nothing about caching is
/// not stored (static files say their own): pages, htmx partials and CSV exports hold personal data.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy; <paramref name="formTargets"/> are the other origins a form may lead to (single sign-on's provider: the sign-in and sign-out forms redirect there, and browsers hold redirects after a form to form-action).</summary>
    public static string ContentSecurityPolicy(IEnumerable<string> formTargets) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action {string.Join(' ', formTargets.Prepend("'self'"))}; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IEnumerable<string> formTargets)
    {
        var policy = ContentSecurityPolicy(formTargets);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() => AddHeaders(context, policy));
            return next(context);
        });
    }

    private static Task AddHeaders(HttpContext context, string policy)
    {
        var headers = context.Response.Headers;
        // The outbox's e-mail preview sets a policy of its own, framed by this app.
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = policy;
            headers.XFrameOptions = "DENY";
        }
        headers.XContentTypeOptions = "nosniff";
        // Sign-in links carry their token in the path, so no address goes to another site; the
        // language switcher reads the same-origin Referer to return to the page as it is now.
        headers["Referrer-Policy"] = "same-origin";
        if (!headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
        // A page answers htmx with a partial at the same address.
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        {
            headers.Vary = StringValues.Concat(headers.Vary, "HX-Request");
        }
        return Task.CompletedTask;
    }
}
