using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Privacy;

/// <summary>What an erased person is called from then on; the same words in every language, as it is stored.</summary>
public sealed record ErasedIdentity(string Name, string Email);

/// <summary>
/// Erasure (GDPR Art. 17) of someone who has left: their name, address and the texts they wrote are
/// replaced by a pseudonym or removed, their sign-in goes, and everything that is counted stays, so
/// the roll-out's figures, snapshots and their team's OKRs read as before. Irreversible.
/// </summary>
public sealed class PersonErasure(AppDbContext db, PrivacyOptions options)
{
    /// <summary>The domain of every pseudonym address: .invalid is reserved (RFC 2606), so no real address ever matches one.</summary>
    public const string PseudonymDomain = "erased.invalid";

    public const string StillActive = "This person is still active: deactivate them before erasing their personal data.";
    public const string AlreadyErased = "This person's personal data has already been erased.";

    /// <summary>The actor of the nightly erasure in the audit trail.</summary>
    public static readonly ClaimsPrincipal System = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, AuditTrail.SystemActor)], "system"));

    /// <summary>A pseudonym of its own for each person, so the unique address stays unique and a re-import of the real one makes a new person.</summary>
    public static ErasedIdentity Pseudonym(int personId) => new($"Person #{personId} (erased)", $"erased-{personId}@{PseudonymDomain}");

    public static bool IsPseudonym(string email) => email.EndsWith("@" + PseudonymDomain, StringComparison.OrdinalIgnoreCase);

    /// <summary>When the nightly job erases someone deactivated at that moment, or null when it never will.</summary>
    public DateTime? AutomaticErasureAtUtc(DateTime deactivatedAtUtc) =>
        options.AutomaticErasure && options.ErasureAfterDays > 0 ? deactivatedAtUtc.AddDays(options.ErasureAfterDays) : null;

    /// <summary>Erases one person, all in one transaction; the reason it refuses (a localisation key), or null when done.</summary>
    public async Task<string?> EraseAsync(int personId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Name, p.Email, p.IsActive, p.ErasedAtUtc }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return DirectoryLookup.Unknown;
        }
        if (person.ErasedAtUtc is not null)
        {
            return AlreadyErased;
        }
        if (person.IsActive)
        {
            return StillActive;
        }

        var pseudonym = Pseudonym(personId);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional, so a reactivation or a second erasure at the same moment leaves this one undone.
        var claimed = await db.People.Where(p => p.Id == personId && !p.IsActive && p.ErasedAtUtc == null).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Name, pseudonym.Name)
            .SetProperty(p => p.Email, pseudonym.Email)
            .SetProperty(p => p.SearchText, Person.SearchTextOf(pseudonym.Name, pseudonym.Email))
            .SetProperty(p => p.ExternalId, (string?)null)
            .SetProperty(p => p.ErasedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return AlreadyErased;
        }

        await DeleteSignInAsync(person.Email, cancellationToken);
        await db.SignInLinks.Where(l => l.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.CalendarFeeds.Where(f => f.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

        // The texts they wrote; their scores, values and dates stay, so averages and stages do too.
        await db.SessionFeedback.Where(f => f.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, ""), cancellationToken);
        await db.CheckIns.Where(c => c.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Note, ""), cancellationToken);
        await db.TrainingRequests.Where(r => r.RequestedById == personId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Message, ""), cancellationToken);
        await db.ProgrammeRoles.Where(r => r.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpsWith, ""), cancellationToken);

        // Where their address names them as the one who did something.
        var old = person.Email;
        await db.TrainingRequests.Where(r => r.DecidedBy == old).ExecuteUpdateAsync(s => s.SetProperty(r => r.DecidedBy, pseudonym.Email), cancellationToken);
        await db.StageOverrides.Where(o => o.SetBy == old).ExecuteUpdateAsync(s => s.SetProperty(o => o.SetBy, pseudonym.Email), cancellationToken);
        await db.Retros.Where(r => r.CreatedBy == old).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedBy, pseudonym.Email), cancellationToken);
        await db.PeopleImports.Where(i => i.UploadedBy == old).ExecuteUpdateAsync(s => s.SetProperty(i => i.UploadedBy, pseudonym.Email), cancellationToken);
        await db.ScimTokens.Where(t => t.CreatedBy == old).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedBy, pseudonym.Email), cancellationToken);

        // E-mails to them keep subject, template, status and times; what is still queued is never sent.
        await db.OutboxMessages.Where(m => m.RecipientEmail == old).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.RecipientEmail, pseudonym.Email)
            .SetProperty(m => m.RecipientName, pseudonym.Name)
            .SetProperty(m => m.TextBody, "")
            .SetProperty(m => m.HtmlBody, "")
            .SetProperty(m => m.Calendar, (string?)null)
            .SetProperty(m => m.LastError, m => m.Status == OutboxStatus.Sent ? (string?)null : "The recipient's personal data was erased.")
            .SetProperty(m => m.Status, m => m.Status == OutboxStatus.Sent ? OutboxStatus.Sent : OutboxStatus.Failed)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
        // Others' e-mails and the audit trail may name them too: there the pseudonym stands in.
        var name = person.Name.Length > 0 ? person.Name : old;
        var replace = new Replacements(name, old, pseudonym);
        var htmlName = replace.HtmlName;
        var htmlEmail = replace.HtmlEmail;
        foreach (var message in await db.OutboxMessages.Where(m => m.Subject.Contains(name) || m.TextBody.Contains(name) || m.TextBody.Contains(old)
            || m.HtmlBody.Contains(htmlName) || m.HtmlBody.Contains(htmlEmail) || m.RecipientName == name).ToListAsync(cancellationToken))
        {
            message.Subject = replace.In(message.Subject);
            message.TextBody = replace.In(message.TextBody);
            message.HtmlBody = replace.InHtml(message.HtmlBody);
            message.RecipientName = message.RecipientName == name ? pseudonym.Name : message.RecipientName;
        }

        var id = personId.ToString();
        foreach (var entry in await db.AuditEntries.Where(a => a.AffectedPersonId == personId || a.Actor == old || a.Details.Contains(old)
            || (a.EntityType == nameof(Person) && a.EntityId == id)).ToListAsync(cancellationToken))
        {
            entry.Actor = entry.Actor == old ? pseudonym.Email : entry.Actor;
            entry.Details = replace.In(entry.Details);
        }

        db.Audit(actor, "person.erased", nameof(Person), personId, affectedPersonId: personId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Erases everyone deactivated at least <see cref="PrivacyOptions.ErasureAfterDays"/> ago, when the settings ask for it; how many.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        if (!options.AutomaticErasure || options.ErasureAfterDays <= 0)
        {
            return 0;
        }
        var before = db.Clock.GetUtcNow().UtcDateTime.AddDays(-options.ErasureAfterDays);
        var due = await db.People.Where(p => p.ErasedAtUtc == null && !p.IsActive && p.DeactivatedAtUtc != null && p.DeactivatedAtUtc <= before)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var personId in due)
        {
            if (await EraseAsync(personId, System, cancellationToken) is null)
            {
                erased++;
            }
            db.ChangeTracker.Clear();
        }
        return erased;
    }

    /// <summary>The sign-in and what Identity keeps beside it (roles, provider logins, tokens, claims).</summary>
    private async Task DeleteSignInAsync(string email, CancellationToken cancellationToken)
    {
        var userIds = db.Users.Where(u => u.Email == email).Select(u => u.Id);
        await db.UserRoles.Where(r => userIds.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => userIds.Contains(l.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => userIds.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => userIds.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.Email == email).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record Replacements(string Name, string Email, ErasedIdentity Pseudonym)
    {
        public string HtmlName => WebUtility.HtmlEncode(Name);
        public string HtmlEmail => WebUtility.HtmlEncode(Email);

        // The address first: a name may be part of it.
        public string In(string text) => text.Replace(Email, Pseudonym.Email, StringComparison.Ordinal).Replace(Name, Pseudonym.Name, StringComparison.Ordinal);

        public string InHtml(string html) => In(html)
            .Replace(HtmlEmail, WebUtility.HtmlEncode(Pseudonym.Email), StringComparison.Ordinal)
            .Replace(HtmlName, WebUtility.HtmlEncode(Pseudonym.Name), StringComparison.Ordinal);
    }
}
