using System.Text.RegularExpressions;

namespace OkrRollout.Web.Email;

/// <summary>
/// The links in e-mails that act for their recipient: a sign-in link, a password reset, a training
/// response. Whoever reads a stored message must not be able to use them, so previews show them masked.
/// </summary>
public static partial class PersonalLinks
{
    [GeneratedRegex(@"(/Account/Link/|/Training/Respond/|/Account/ResetPassword\?)[^\s""'<>]+")]
    private static partial Regex Token();

    public static string Mask(string body) => Token().Replace(body, m => m.Groups[1].Value + "…");
}
