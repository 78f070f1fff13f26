using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Net.Http.Headers;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// The app runs on the test's clock, its clients (HttpClient's cookie container, Chromium) on the
/// machine's. A cookie the app means to keep for a year from the test's "now" would be dropped by a
/// client whose clock is past that, so the expiry of each cookie the app sets is moved by the
/// difference, as if the client's clock agreed with the app's. Cookies being deleted stay expired.
/// </summary>
public sealed class ClientClockCookies(TimeProvider appClock) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.SetCookie.Count > 0)
                {
                    headers.SetCookie = headers.SetCookie.Select(value => Moved(value!)).ToArray();
                }
                return Task.CompletedTask;
            });
            await nextMiddleware();
        });
        next(app);
    };

    private string Moved(string value)
    {
        var appNow = appClock.GetUtcNow();
        if (!SetCookieHeaderValue.TryParse(value, out var cookie) || cookie.Expires is not { } expires || expires <= appNow)
        {
            return value;
        }
        cookie.Expires = expires + (TimeProvider.System.GetUtcNow() - appNow);
        return cookie.ToString();
    }
}
