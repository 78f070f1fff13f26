using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Scim;

namespace OkrRollout.Tests.Scim;

/// <summary>An identity provider's side of SCIM: a bearer token made as an Admin makes one, JSON in and out.</summary>
public sealed class ScimClient : IDisposable
{
    public const string Media = "application/scim+json";

    private ScimClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<(ScimClient Client, int TokenId)> WithNewTokenAsync(AppFactory factory, string name = "Entra ID provisioning")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, DemoUsers.Admin)], "test"));
        var (token, value) = await scope.ServiceProvider.GetRequiredService<ScimTokens>().CreateAsync(name, admin, CancellationToken.None);
        return (WithToken(factory, value), token.Id);
    }

    public static ScimClient WithToken(AppFactory factory, string? token)
    {
        var http = factory.CreateRawClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new ScimClient(http);
    }

    public Task<ScimAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ScimAnswer> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<ScimAnswer> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<ScimAnswer> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<ScimAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    private async Task<ScimAnswer> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, Media);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScimAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public void Dispose() => Http.Dispose();
}

public sealed record ScimAnswer(System.Net.HttpStatusCode Status, string? MediaType, Uri? Location, JsonNode? Body)
{
    public string? Text(string path)
    {
        JsonNode? node = Body;
        foreach (var part in path.Split('/'))
        {
            node = int.TryParse(part, out var index) ? (node is JsonArray list && index < list.Count ? list[index] : null) : node?[part];
        }
        return node?.ToString();
    }
}
