using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;

namespace OkrRollout.Web.Email;

public enum EmailTemplate
{
    OnboardingInvitation,
    CheckInNudge,
    TrainingInvitation,
    TrainingUpdate,
    TrainingCancellation,
    SessionReminder,
    WaitlistPromotion,
    FeedbackRequest,
    SignInInvitation,
    SignInLink,
    PasswordReset,

    /// <summary>The onboarding invitation when single sign-on is the only way in: no personal link, the sign-in page.</summary>
    OnboardingInvitationSingleSignOn,

    /// <summary>The sign-in invitation when single sign-on is the only way in.</summary>
    SignInInvitationSingleSignOn,

    /// <summary>An ambassador took the person off a session's roster; the calendar event is cancelled for them.</summary>
    TrainingUninvited,

    /// <summary>A session was scheduled for the team training the person asked for.</summary>
    TrainingRequestScheduled,

    /// <summary>Key results in the recipient's line that have gone without a check-in for weeks (<see cref="Okr.CheckInEscalations"/>).</summary>
    CheckInEscalation,
}

/// <summary>A template rendered in one language: subject, plain text and HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// Renders the e-mail templates from the same resources as the pages, in the recipient's language:
/// "Email.{Template}.Subject", ".Greeting", ".Body" and ".Action". Values are HTML-encoded in the
/// HTML body; a link is shown as a button and spelled out in the text body. Every e-mail goes to the
/// outbox, so personal links come out sealed (<see cref="SealedLinks"/>).
/// </summary>
public sealed class EmailTemplates(IStringLocalizer<SharedResource> localizer, EmailOptions options, SealedLinks links)
{
    /// <summary>One resource text in the given language, e.g. a session kind's name for a template argument.</summary>
    public string Text(Language language, string key) => InLanguage(language, () => localizer[key].Value);

    public RenderedEmail Render(EmailTemplate template, Language language, string recipientName, string? link, params object[] arguments) =>
        InLanguage(language, () => RenderInCurrentCulture(template, recipientName, link, arguments));

    private static T InLanguage<T>(Language language, Func<T> render)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        try
        {
            var culture = AppCultures.For(language.ToCode());
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }

    private RenderedEmail RenderInCurrentCulture(EmailTemplate template, string recipientName, string? link, object[] arguments)
    {
        var key = "Email." + template;
        var subject = localizer[key + ".Subject", arguments].Value;
        var greeting = localizer[key + ".Greeting", recipientName].Value;
        var paragraphs = localizer[key + ".Body", arguments].Value.Split("\n\n");
        var action = localizer[key + ".Action"].Value;
        var signature = localizer["Email.Signature", string.IsNullOrWhiteSpace(options.OrganisationName) ? "OkrRollout" : options.OrganisationName].Value;

        var text = new StringBuilder().Append(greeting).Append("\n\n");
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5; color: #1d2430\">");
        html.Append("<p>").Append(WebUtility.HtmlEncode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>")).Append("</p>");
        }
        if (link is not null)
        {
            text.Append(action).Append(":\n").Append(link).Append("\n\n");
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\" style=\"display:inline-block;padding:10px 18px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px\">")
                .Append(WebUtility.HtmlEncode(action)).Append("</a></p>");
        }
        text.Append(signature).Append('\n');
        html.Append("<p>").Append(WebUtility.HtmlEncode(signature)).Append("</p></body></html>");
        return new RenderedEmail(subject, links.Seal(text.ToString()), links.Seal(html.ToString()));
    }
}
