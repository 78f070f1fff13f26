using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OkrRollout.Web.Security;

/// <summary>
/// A page of e-mailed links or passwords, closed when single sign-on is the only way in
/// (<see cref="SingleSignOnOptions.PasswordsAndLinksOff"/>): a visit goes to the sign-in page and its
/// provider button (keeping a local return address), a form sent anyway is refused with 403.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ClosedUnlessSignInIsOursAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<SingleSignOnOptions>().OnlySingleSignOn)
        {
            await next();
            return;
        }
        if (HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            var returnUrl = context.HttpContext.Request.Query["ReturnUrl"].ToString();
            var local = context.HandlerInstance is PageModel page && page.Url.IsLocalUrl(returnUrl) ? returnUrl : null;
            context.Result = new RedirectToPageResult("/Account/SignIn", new { ReturnUrl = local });
            return;
        }
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}
