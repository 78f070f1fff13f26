using System.Net;

namespace OkrRollout.Tests.Hosting;

/// <summary>
/// Request bodies are limited to Server:MaxRequestBodyBytes (1 MiB): form values on any server, and
/// the whole body in Kestrel. The people import raises the limits for itself (ImportSizeLimitTests).
/// </summary>
public class RequestLimitTests
{
    private const int OverTheLimit = 2 * 1024 * 1024;

    private static async Task<HttpStatusCode> PostPersonAsync(AppFactory factory, int nameLength, bool multipart = false, int extraFields = 0)
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Create")).QuerySelector<IHtmlFormElement>("main form")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["Input.Name"] = new string('x', nameLength),
            ["Input.Email"] = "limit@example.com",
        };
        for (var i = 0; i < extraFields; i++)
        {
            fields[$"Extra{i}"] = new string('y', nameLength);
        }
        HttpContent content = new FormUrlEncodedContent(fields);
        if (multipart)
        {
            var parts = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                parts.Add(new StringContent(value), name);
            }
            content = parts;
        }
        using (content)
        using (var response = await ambassador.Client.PostAsync("/People/Create", content))
        {
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task A_form_value_over_the_limit_is_refused_before_the_page_sees_it()
    {
        using var factory = new AppFactory();

        Assert.Equal(HttpStatusCode.OK, await PostPersonAsync(factory, 300 * 1024));
        Assert.Equal(HttpStatusCode.BadRequest, await PostPersonAsync(factory, OverTheLimit));
        Assert.Equal(HttpStatusCode.BadRequest, await PostPersonAsync(factory, OverTheLimit, multipart: true));
    }

    /// <summary>Every value of this form fits the form limits; only Kestrel sees that the body is 1.8 MB.</summary>
    [Fact]
    public async Task Kestrel_refuses_a_body_over_the_limit_whose_every_value_fits()
    {
        using var factory = new AppFactory();
        factory.UseKestrel(0);
        factory.StartServer();

        Assert.Equal(HttpStatusCode.OK, await PostPersonAsync(factory, 300 * 1024, extraFields: 2));
        Assert.True(await PostPersonAsync(factory, 600 * 1024, extraFields: 2) is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge);
    }
}
