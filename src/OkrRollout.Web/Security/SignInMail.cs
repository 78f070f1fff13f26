using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Web.Security;

/// <summary>How many invitations went out, how many people were left out (not found or no longer active), or why none could.</summary>
public sealed record InvitationResult(int Sent, int Skipped, bool MailNotReady = false);

/// <summary>
/// The e-mails that let people sign in: an invitation with a personal link (sent by an Admin or an
/// ambassador, one person or thousands at once), and the links people ask for themselves on the sign-in
/// page — a sign-in link, or a password reset. What people ask for themselves is answered alike whether
/// or not the address is known (the page says the same words), rate-limited, and logged when nothing is sent.
/// </summary>
public sealed class SignInMail(
    AppDbContext db,
    SignInLinks links,
    EmailTemplates templates,
    MailReadiness readiness,
    AccountOptions account,
    EmailOptions email,
    EmailLinks emailLinks,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SignInRequestLimiter limiter,
    TimeProvider clock,
    ILogger<SignInMail> logger)
{
    private string Organisation => string.IsNullOrWhiteSpace(email.OrganisationName) ? "OkrRollout" : email.OrganisationName;

    /// <summary>Sends each active person among these a new personal sign-in link that works for <see cref="AccountOptions.InvitationLinkDays"/> days.</summary>
    public async Task<InvitationResult> InviteAsync(IReadOnlyCollection<int> personIds, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!readiness.Ready)
        {
            return new InvitationResult(0, personIds.Count, MailNotReady: true);
        }
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsActive)
            .Select(p => new { p.Id, p.Name, p.Email, p.PreferredLanguage }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + links.InvitationLifetime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var insertLink = new PreparedInsert<SignInLink>(db, [nameof(SignInLink.TokenHash), nameof(SignInLink.PersonId), nameof(SignInLink.CreatedAtUtc), nameof(SignInLink.ExpiresAtUtc)]))
        await using (var outbox = new OutboxWriter(db, now))
        {
            foreach (var person in people)
            {
                var token = SignInLinks.NewToken();
                await insertLink.ExecuteAsync(cancellationToken, SignInLinks.Hash(token), person.Id, now, expires);
                var (link, template) = links.Invitation(token, EmailTemplate.SignInInvitation);
                var rendered = templates.Render(template, person.PreferredLanguage, person.Name, link, Organisation, account.InvitationLinkDays);
                await outbox.AddAsync(null, person.Email, person.Name, person.PreferredLanguage, template, rendered, null, cancellationToken);
            }
        }
        db.Audit(actor, "people.sign-in-invited", nameof(Person), people.Count == 1 ? people[0].Id : null,
            people.Count == 1 ? people[0].Email : $"{people.Count} people");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationResult(people.Count, ids.Count - people.Count);
    }

    /// <summary>"E-mail me a sign-in link": sends one that works once, for minutes, to an active person of the directory.</summary>
    public async Task RequestSignInLinkAsync(string address, string client, string? returnUrl, CancellationToken cancellationToken)
    {
        var normalised = Person.NormaliseEmail(address);
        if (!Allowed(normalised, client, "sign-in link"))
        {
            return;
        }
        var person = await ActivePersonAsync(normalised, cancellationToken);
        if (person is null)
        {
            logger.LogInformation("A sign-in link was asked for {Email}, which is no active person of the directory; nothing was sent", normalised);
            return;
        }
        await SendSignInLinkAsync(person, returnUrl, cancellationToken);
    }

    /// <summary>"Forgot your password?": a password reset for a sign-in with a password; a person without one gets a sign-in link instead.</summary>
    public async Task RequestPasswordResetAsync(string address, string client, CancellationToken cancellationToken)
    {
        var normalised = Person.NormaliseEmail(address);
        if (!Allowed(normalised, client, "password reset"))
        {
            return;
        }
        var person = await db.People.AsNoTracking().Where(p => p.Email == normalised).Select(p => new Recipient(p.Id, p.Name, p.Email, p.PreferredLanguage, p.IsActive)).SingleOrDefaultAsync(cancellationToken);
        var user = await users.FindByEmailAsync(normalised);
        if (user is null || !await users.HasPasswordAsync(user))
        {
            if (person is { IsActive: true })
            {
                await SendSignInLinkAsync(person, null, cancellationToken);
            }
            else
            {
                logger.LogInformation("A password reset was asked for {Email}, which has no sign-in and no active person; nothing was sent", normalised);
            }
            return;
        }
        if (!await signIn.CanSignInAsync(user))
        {
            logger.LogInformation("A password reset was asked for {Email}, whose person is no longer active; nothing was sent", normalised);
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = emailLinks.ToPage("/Account/ResetPassword", new { email = normalised, token });
        var recipient = person ?? new Recipient(null, normalised, normalised, LanguageOfThisRequest(), true);
        Queue(recipient, EmailTemplate.PasswordReset, link, account.EmailedLinkMinutes);
        db.Audit(new ClaimsPrincipal(), "account.password-reset-sent", nameof(AppUser), user.Id, normalised);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="returnUrl">A local path the link takes the person to once signed in.</param>
    private async Task SendSignInLinkAsync(Recipient person, string? returnUrl, CancellationToken cancellationToken)
    {
        var token = links.Add(person.Id!.Value, account.EmailedLinkLifetime);
        var link = links.Url(token, returnUrl);
        Queue(person, EmailTemplate.SignInLink, link, account.EmailedLinkMinutes);
        await db.SaveChangesAsync(cancellationToken);
    }

    private bool Allowed(string address, string client, string what)
    {
        if (!limiter.TryAcquire(address, client))
        {
            logger.LogWarning("A {What} for {Email} from {Client} was refused: too many requests; nothing was sent", what, address, client);
            return false;
        }
        if (!readiness.Ready)
        {
            logger.LogWarning("A {What} for {Email} was not sent: e-mail is not set up ({Settings} at their defaults)", what, address, readiness.UnsetList);
            return false;
        }
        return true;
    }

    private Task<Recipient?> ActivePersonAsync(string normalised, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Email == normalised && p.IsActive)
            .Select(p => new Recipient(p.Id, p.Name, p.Email, p.PreferredLanguage, p.IsActive)).SingleOrDefaultAsync(cancellationToken);

    private void Queue(Recipient recipient, EmailTemplate template, string link, int minutes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rendered = templates.Render(template, recipient.Language, recipient.Name, link, Organisation, minutes);
        OutboxWriter.QueueOne(db, now, null, recipient.Email, recipient.Name, recipient.Language, template, rendered);
    }

    private static Language LanguageOfThisRequest() => Localization.AppCultures.CurrentLanguage;

    private sealed record Recipient(int? Id, string Name, string Email, Language Language, bool IsActive);
}

/// <summary>The status line a page shows after sending sign-in links (a localisation key and its arguments).</summary>
public static class SignInLinkStatus
{
    public static (string Status, string Arguments) Of(InvitationResult result, MailReadiness readiness) => result switch
    {
        { MailNotReady: true } => (MailReadiness.Reason, readiness.UnsetList),
        { Sent: 1, Skipped: 0 } => ("A new sign-in link is on its way.", ""),
        { Sent: 0, Skipped: 1 } => ("No link was sent: the person is no longer active.", ""),
        _ => ("{0} sign-in link(s) sent; {1} left out (not in the directory or no longer active).", $"{result.Sent}|{result.Skipped}"),
    };
}
