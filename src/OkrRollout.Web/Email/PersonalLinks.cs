using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Email;

/// <summary>
/// The links in e-mails that act for their recipient: a sign-in link, a password reset, a training
/// response or feedback. Whoever reads a stored message must not be able to use them, so previews show
/// them masked, and the outbox keeps them sealed (<see cref="SealedLinks"/>).
/// </summary>
public static partial class PersonalLinks
{
    [GeneratedRegex(@"(/Account/Link/|/Training/Respond/|/Training/Feedback/|/Account/ResetPassword\?)([^\s""'<>]+)")]
    private static partial Regex Token();

    public static string Mask(string body) => Token().Replace(body, m => m.Groups[1].Value + "…");

    /// <summary>Replaces what identifies the recipient in each personal link: the part after its path.</summary>
    public static string ReplaceTokens(string body, Func<string, string> replace) =>
        Token().Replace(body, m => m.Groups[1].Value + replace(m.Groups[2].Value));
}

/// <summary>
/// An e-mail is stored with its personal links sealed: the token part encrypted with Data Protection,
/// so whoever reads the outbox table (a backup, a query) holds nothing that signs anyone in, while
/// the tokens themselves are stored only as hashes. The dispatcher opens them as it sends: every
/// attempt, from any instance, the same link. The key ring lives in the same database (Program.cs),
/// so this guards the outbox table and its copies, not a copy of the whole database.
/// </summary>
public sealed class SealedLinks(IDataProtectionProvider protection)
{
    public const string Unreadable = "The personal link in this message cannot be opened: the key that sealed it is gone. Send the person a new link.";

    // Not in a token of ours (base64url) nor at the start of a reset link's query ("email=").
    private const char Mark = '~';

    private readonly IDataProtector _protector = protection.CreateProtector("OkrRollout.Outbox.PersonalLinks");

    public string Seal(string body) => PersonalLinks.ReplaceTokens(body, token => token[0] == Mark ? token : Mark + _protector.Protect(token));

    /// <exception cref="CryptographicException">A sealed link cannot be opened with the keys there are.</exception>
    public string Open(string body) => PersonalLinks.ReplaceTokens(body, token => token[0] == Mark ? _protector.Unprotect(token[1..]) : token);

    /// <summary>Seals the links of the messages stored before links were sealed, a batch at a time; sealed ones stay as they are.</summary>
    public async Task SealStoredAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        for (long after = 0; ;)
        {
            var batch = await db.OutboxMessages.AsNoTracking().Where(m => m.Id > after).OrderBy(m => m.Id).Take(500)
                .Select(m => new { m.Id, m.TextBody, m.HtmlBody }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }
            foreach (var message in batch)
            {
                var (text, html) = (Seal(message.TextBody), Seal(message.HtmlBody));
                if (text != message.TextBody || html != message.HtmlBody)
                {
                    await db.OutboxMessages.Where(m => m.Id == message.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, text).SetProperty(m => m.HtmlBody, html), cancellationToken);
                }
            }
            after = batch[^1].Id;
        }
    }
}
