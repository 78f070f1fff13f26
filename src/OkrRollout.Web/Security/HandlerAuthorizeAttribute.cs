using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OkrRollout.Web.Security;

/// <summary>
/// A stricter policy for one handler of a page that others may read, e.g. the wave page is for
/// every member but adding people to the wave is for ambassadors. Razor Pages has no handler-level
/// [Authorize]; <see cref="HandlerAuthorizationFilter"/> enforces this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerAuthorizeAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

public sealed class HandlerAuthorizationFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var required = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(HandlerAuthorizeAttribute), inherit: true)
            .Cast<HandlerAuthorizeAttribute>().SingleOrDefault();
        if (required is not null && !(await authorization.AuthorizeAsync(context.HttpContext.User, required.Policy)).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
