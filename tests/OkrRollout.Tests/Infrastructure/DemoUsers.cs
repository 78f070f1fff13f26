using System.Text.Json;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>The demo sign-ins, read from seed/demo-users.json as the app reads them.</summary>
public static class DemoUsers
{
    private static readonly Lazy<JsonElement> Seed = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", "demo-users.json"))).RootElement);

    public static string Password => Seed.Value.GetProperty("password").GetString()!;

    public static string Admin => EmailOf("Admin");
    public static string Ambassador => EmailOf("Ambassador");
    public static string Leader => EmailOf("Leader");
    public static string Member => EmailOf("Member");

    public static string EmailOf(string role) =>
        Seed.Value.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("role").GetString() == role).GetProperty("email").GetString()!;
}
