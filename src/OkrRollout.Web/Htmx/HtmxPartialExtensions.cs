using Htmx;

namespace OkrRollout.Web.Htmx;

public static class HtmxPartialExtensions
{
    /// <summary>True for an htmx request that is not a history restore (which wants the full page).</summary>
    public static bool IsHtmxPartial(this HttpRequest request) =>
        request.IsHtmx() && !request.IsHtmxHistoryRestoreRequest();
}
