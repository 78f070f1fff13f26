using Htmx;

namespace OkrRollout.Web.Htmx;

public static class HtmxPartialExtensions
{
    /// <summary>
    /// True for an htmx request that is not a history restore (which wants the full page). The
    /// restore header is read leniently: Htmx.Net's own reader throws on a value that is not a bool,
    /// and a hand-made request must not turn into an error page.
    /// </summary>
    public static bool IsHtmxPartial(this HttpRequest request) =>
        request.IsHtmx() && !(bool.TryParse(request.Headers["HX-History-Restore-Request"], out var restore) && restore);
}
