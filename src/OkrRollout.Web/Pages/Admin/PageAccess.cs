using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>
/// Which roles may open which page and use which of its handlers, read from the pages' own
/// [Authorize] and [HandlerAuthorize] attributes and from the policies as registered, so that a
/// description of who sees what cannot drift from what the app enforces.
/// </summary>
public sealed class PageAccess(IAuthorizationPolicyProvider policies)
{
    private static readonly string PagesNamespace = typeof(PagesServiceCollectionExtensions).Namespace!;

    /// <summary>A page: its address (without route values), the folder it is in ("" for the top), who may open it, and its handlers that need more.</summary>
    public sealed record PageRule(string Url, string Area, bool Anonymous, IReadOnlyList<string> OpenedBy, IReadOnlyList<HandlerRule> StricterHandlers);

    /// <summary>A handler with a policy of its own, e.g. GET ?handler=People.</summary>
    public sealed record HandlerRule(string Method, string Name, IReadOnlyList<string> UsedBy);

    /// <summary>The roles that satisfy a policy, in the order of <see cref="Roles.All"/>; a policy that asks only for a signed-in person is every role.</summary>
    public async Task<IReadOnlyList<string>> RolesForAsync(string? policy)
    {
        var registered = (policy is null ? await policies.GetDefaultPolicyAsync() : await policies.GetPolicyAsync(policy))
            ?? throw new InvalidOperationException($"No policy {policy} is registered.");
        IEnumerable<string> roles = Roles.All;
        foreach (var requirement in registered.Requirements)
        {
            roles = requirement switch
            {
                RolesAuthorizationRequirement r => roles.Intersect(r.AllowedRoles, StringComparer.Ordinal),
                DenyAnonymousAuthorizationRequirement => roles,
                _ => throw new InvalidOperationException($"Policy {policy} has a requirement ({requirement.GetType().Name}) this description cannot explain."),
            };
        }
        return [.. roles];
    }

    /// <summary>The roles that may use one handler of a page: those of its [HandlerAuthorize] policy, or the page's when it has none.</summary>
    public async Task<IReadOnlyList<string>> RolesForHandlerAsync(Type pageModel, string handlerMethod)
    {
        var method = pageModel.GetMethod(handlerMethod) ?? throw new ArgumentException($"{pageModel.Name} has no {handlerMethod}.", nameof(handlerMethod));
        return method.GetCustomAttribute<HandlerAuthorizeAttribute>() is { } handler
            ? await RolesForAsync(handler.Policy)
            : await RolesForAsync(pageModel.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
    }

    /// <summary>Every page model of the assembly, by address.</summary>
    public async Task<IReadOnlyList<PageRule>> PagesAsync(Assembly assembly)
    {
        var pages = new List<PageRule>();
        foreach (var type in assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var anonymous = type.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var openedBy = anonymous ? Roles.All : await RolesForAsync(type.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
            var stricter = new List<HandlerRule>();
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<HandlerAuthorizeAttribute>() is { } handler)
                {
                    var (verb, name) = HandlerName(method.Name);
                    stricter.Add(new(verb, name, await RolesForAsync(handler.Policy)));
                }
            }
            var (url, area) = Address(type);
            pages.Add(new(url, area, anonymous, openedBy, [.. stricter.OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Method, StringComparer.Ordinal)]));
        }
        return [.. pages.OrderBy(p => p.Url, StringComparer.Ordinal)];
    }

    /// <summary>Pages/People/Import/Index.cshtml's model (OkrRollout.Web.Pages.People.Import.IndexModel) is at /People/Import, in the area People.</summary>
    private static (string Url, string Area) Address(Type pageModel)
    {
        var folders = (pageModel.Namespace ?? PagesNamespace).Length > PagesNamespace.Length
            ? pageModel.Namespace![(PagesNamespace.Length + 1)..].Split('.')
            : [];
        var name = pageModel.Name.EndsWith("Model", StringComparison.Ordinal) ? pageModel.Name[..^"Model".Length] : pageModel.Name;
        var segments = name == "Index" ? folders : [.. folders, name];
        return ("/" + string.Join('/', segments), folders.FirstOrDefault() ?? "");
    }

    /// <summary>OnGetPeopleAsync is GET People; OnPostAsync is POST with no name.</summary>
    private static (string Verb, string Name) HandlerName(string method)
    {
        var rest = method.StartsWith("On", StringComparison.Ordinal) ? method[2..] : method;
        rest = rest.EndsWith("Async", StringComparison.Ordinal) ? rest[..^"Async".Length] : rest;
        var verb = new[] { "Get", "Post", "Put", "Delete", "Patch" }.FirstOrDefault(v => rest.StartsWith(v, StringComparison.Ordinal)) ?? "";
        return (verb.ToUpperInvariant(), rest[verb.Length..]);
    }
}
