namespace OkrRollout.Web.Email;

/// <summary>
/// Links in e-mails: a page's own route with the organisation's public address in front, so no e-mail
/// can link to a page that does not exist.
/// </summary>
public sealed class EmailLinks(LinkGenerator links, EmailOptions email)
{
    /// <param name="page">The page as Razor Pages names it, e.g. "/Training/Sessions/Details".</param>
    public string ToPage(string page, object? values = null) =>
        email.PublicBaseUrl.TrimEnd('/') + (links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No route leads to the page {page}."));
}
