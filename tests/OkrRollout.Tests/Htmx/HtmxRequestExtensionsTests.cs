using Microsoft.AspNetCore.Http;
using OkrRollout.Web.Htmx;

namespace OkrRollout.Tests.Htmx;

public class HtmxRequestExtensionsTests
{
    [Fact]
    public void Recognises_htmx_requests_and_history_restores()
    {
        var plain = new DefaultHttpContext().Request;
        var htmx = new DefaultHttpContext().Request;
        htmx.Headers["HX-Request"] = "true";
        var restore = new DefaultHttpContext().Request;
        restore.Headers["HX-Request"] = "true";
        restore.Headers["HX-History-Restore-Request"] = "true";

        Assert.Equal((false, false), (plain.IsHtmx(), plain.IsHtmxPartial()));
        Assert.Equal((true, true), (htmx.IsHtmx(), htmx.IsHtmxPartial()));
        Assert.Equal((true, false), (restore.IsHtmx(), restore.IsHtmxPartial()));
    }

    [Fact]
    public void Sets_the_response_headers_htmx_acts_on()
    {
        var response = new DefaultHttpContext().Response;

        response.HtmxTrigger("roster-changed");
        response.HtmxRedirect("/Account/SignIn");
        response.HtmxPushUrl("/People?unit=3");

        Assert.Equal("roster-changed", response.Headers["HX-Trigger"]);
        Assert.Equal("/Account/SignIn", response.Headers["HX-Redirect"]);
        Assert.Equal("/People?unit=3", response.Headers["HX-Push-Url"]);
    }
}
