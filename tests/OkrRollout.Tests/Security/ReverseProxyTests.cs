using System.Net;

namespace OkrRollout.Tests.Security;

public sealed class ReverseProxyTests : IDisposable
{
    private readonly AppFactory _behindProxy = new();
    private readonly AppFactory _direct = new();

    public ReverseProxyTests()
    {
        _behindProxy.Settings["ForwardedHeaders:Enabled"] = "true";
    }

    private static async Task<string> SignInRedirectAsync(AppFactory app)
    {
        using var client = app.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dashboard");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    [Fact]
    public async Task Behind_a_proxy_the_forwarded_scheme_is_used_and_without_the_setting_it_is_ignored()
    {
        Assert.StartsWith("https://", await SignInRedirectAsync(_behindProxy));
        Assert.StartsWith("http://", await SignInRedirectAsync(_direct));
    }

    public void Dispose()
    {
        _behindProxy.Dispose();
        _direct.Dispose();
    }
}
