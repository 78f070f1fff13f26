using Microsoft.AspNetCore.Http;
using OkrRollout.Web.Htmx;

namespace OkrRollout.Tests.Htmx;

public class HtmxPartialExtensionsTests
{
    [Fact]
    public void A_history_restore_wants_the_full_page()
    {
        var plain = new DefaultHttpContext().Request;
        var htmx = new DefaultHttpContext().Request;
        htmx.Headers["HX-Request"] = "true";
        var restore = new DefaultHttpContext().Request;
        restore.Headers["HX-Request"] = "true";
        restore.Headers["HX-History-Restore-Request"] = "true";

        var malformed = new DefaultHttpContext().Request;
        malformed.Headers["HX-Request"] = "true";
        malformed.Headers["HX-History-Restore-Request"] = "x";

        Assert.Equal((false, true, false, true), (plain.IsHtmxPartial(), htmx.IsHtmxPartial(), restore.IsHtmxPartial(), malformed.IsHtmxPartial()));
    }
}
