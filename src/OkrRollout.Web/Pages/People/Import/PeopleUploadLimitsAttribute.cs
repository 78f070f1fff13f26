using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using OkrRollout.Web.Import;

namespace OkrRollout.Web.Pages.People.Import;

/// <summary>
/// Lets the upload page take a file of up to Import:MaxFileBytes, above the app's request limits, and
/// no more: the body stops being read one part past it. It runs before anything reads the form, as
/// [RequestSizeLimit] and [RequestFormLimits] do, which take only constants.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PeopleUploadLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var maxFile = PeopleImportLimits.MaxFileBytes(http.RequestServices.GetRequiredService<IConfiguration>());
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = maxFile + PeopleImportLimits.FormOverheadBytes;
        }
        if (http.Features.Get<IFormFeature>()?.Form is null)
        {
            var app = http.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value;
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
            {
                // Per part of the form: the file is the large one.
                MultipartBodyLengthLimit = maxFile,
                ValueLengthLimit = app.ValueLengthLimit,
                ValueCountLimit = app.ValueCountLimit,
                KeyLengthLimit = app.KeyLengthLimit,
            }));
        }
    }
}
