using System.Net;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A person using the app through its HTML: gets pages, fills in and submits their forms, and
/// makes the htmx requests the pages would make. Cookies are kept; redirects are followed.
/// </summary>
public sealed class PageSession(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private static readonly IBrowsingContext Browsing = BrowsingContext.New(Configuration.Default);

    public HttpClient Client => client;

    public static async Task<PageSession> SignInAsync(AppFactory factory, string email, string? password = null)
    {
        var session = new PageSession(factory.CreateClient());
        var page = await session.GetAsync("/Account/SignIn");
        var result = await session.SubmitAsync((page.QuerySelector<IHtmlFormElement>("#password-form") ?? page.QuerySelector<IHtmlFormElement>("main form"))!, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password ?? DemoUsers.Password,
        });
        Assert.True(result.QuerySelector("#Input_Password") is null, "still on the sign-in page: " + result.QuerySelector(".validation-summary")?.TextContent);
        return session;
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public async Task<IHtmlDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await ReadAsync(response, expected);
    }

    /// <summary>What htmx sends: the HX-Request header and, for writes, the antiforgery header.</summary>
    public async Task<IHtmlDocument> HtmxGetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        using var response = await client.SendAsync(request);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public async Task<HttpResponseMessage> HtmxPostAsync(string url, Dictionary<string, string> fields, string antiforgeryToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        return await client.SendAsync(request);
    }

    /// <summary>The token the layout hands to htmx in the body's hx-headers attribute.</summary>
    public static string HtmxAntiforgeryToken(IHtmlDocument page) =>
        JsonDocument.Parse(page.Body!.GetAttribute("hx-headers")!).RootElement.GetProperty("RequestVerificationToken").GetString()!;

    public Task<IHtmlDocument> SubmitAsync(IHtmlFormElement form, Dictionary<string, string>? values = null, string? submitterSelector = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SubmitAsync(form, values, submitterSelector, files: null, expected);

    /// <summary>A multipart submit, as a browser sends a form with file inputs.</summary>
    public Task<IHtmlDocument> SubmitFilesAsync(IHtmlFormElement form, Dictionary<string, (string FileName, byte[] Content)> files, Dictionary<string, string>? values = null) =>
        SubmitAsync(form, values, submitterSelector: null, files, HttpStatusCode.OK);

    private async Task<IHtmlDocument> SubmitAsync(IHtmlFormElement form, Dictionary<string, string>? values, string? submitterSelector, Dictionary<string, (string FileName, byte[] Content)>? files, HttpStatusCode expected)
    {
        var fields = FormFields(form);
        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } formAction ? formAction : form.Owner!.Url;
        if (submitterSelector is not null)
        {
            // A submitter may sit outside the form and name it in its form attribute.
            var submitter = form.QuerySelector(submitterSelector)
                ?? form.Owner!.QuerySelectorAll(submitterSelector).FirstOrDefault(b => b.GetAttribute("form") == form.Id)
                ?? throw new InvalidOperationException($"no {submitterSelector} in the form");
            action = submitter.GetAttribute("formaction") ?? action;
            if (submitter.GetAttribute("name") is { } submitterName)
            {
                fields.Add(new(submitterName, submitter.GetAttribute("value") ?? ""));
            }
        }

        HttpContent content;
        if (files is null)
        {
            content = new FormUrlEncodedContent(fields);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }
            foreach (var (name, (fileName, bytes)) in files)
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new("text/csv");
                multipart.Add(file, name, fileName);
            }
            content = multipart;
        }
        using (content)
        using (var response = await client.PostAsync(new Uri(new Uri(form.Owner!.Url), action), content))
        {
            return await ReadAsync(response, expected);
        }
    }

    private static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file":
                    break;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.SelectedOptions.FirstOrDefault()?.Value ?? select.Options.FirstOrDefault()?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        return fields;
    }

    private static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}\n{html[..Math.Min(html.Length, 3000)]}");
        // Opened at the address that served it, so relative form actions resolve as in a browser.
        var document = await Browsing.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!));
        return (IHtmlDocument)document;
    }

    public void Dispose() => client.Dispose();
}
