namespace OkrRollout.Web.Htmx;

/// <summary>The few htmx request and response headers we use (Htmx.Net is not available to us).</summary>
public static class HtmxRequestExtensions
{
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers.TryGetValue("HX-Request", out var value) && value == "true";

    /// <summary>True for an htmx request that is not a history restore (which wants the full page).</summary>
    public static bool IsHtmxPartial(this HttpRequest request) =>
        request.IsHtmx() && !(request.Headers.TryGetValue("HX-History-Restore-Request", out var restore) && restore == "true");

    public static void HtmxTrigger(this HttpResponse response, string eventName) =>
        response.Headers["HX-Trigger"] = eventName;

    public static void HtmxRedirect(this HttpResponse response, string url) =>
        response.Headers["HX-Redirect"] = url;

    public static void HtmxPushUrl(this HttpResponse response, string url) =>
        response.Headers["HX-Push-Url"] = url;
}
