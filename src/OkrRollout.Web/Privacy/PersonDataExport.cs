using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Privacy;

/// <summary>
/// Everything the app stores about one person (GDPR Art. 15), one list per kind of record. Secrets are
/// left out: password hashes, security stamps and the hashes behind links and calendar addresses.
/// </summary>
public sealed record PersonData(
    DateTime ExportedAtUtc,
    Language Language,
    IReadOnlyList<PersonData.DirectoryEntry> Person,
    IReadOnlyList<PersonData.SignIn> SignIns,
    IReadOnlyList<PersonData.ProgrammeRoleEntry> ProgrammeRoles,
    IReadOnlyList<PersonData.UnitCoverageEntry> UnitsCovered,
    IReadOnlyList<PersonData.WaveMembership> Waves,
    IReadOnlyList<PersonData.GroupFacilitated> GroupsFacilitated,
    IReadOnlyList<PersonData.EnrollmentEntry> Enrollments,
    IReadOnlyList<PersonData.SessionTrained> SessionsTrained,
    IReadOnlyList<PersonData.FeedbackEntry> Feedback,
    IReadOnlyList<PersonData.ObjectiveOwned> Objectives,
    IReadOnlyList<PersonData.KeyResultEntry> KeyResults,
    IReadOnlyList<PersonData.CheckInEntry> CheckIns,
    IReadOnlyList<PersonData.StageOverrideEntry> StageOverrides,
    IReadOnlyList<PersonData.TrainingRequestEntry> TrainingRequests,
    IReadOnlyList<PersonData.CalendarFeedEntry> CalendarFeeds,
    IReadOnlyList<PersonData.SignInLinkEntry> SignInLinks,
    IReadOnlyList<PersonData.AuditEntryRow> AuditEntries,
    IReadOnlyList<PersonData.EmailEntry> Emails)
{
    public sealed record DirectoryEntry(int Id, string Name, string Email, string Unit, bool IsLead, Language PreferredLanguage, bool IsActive,
        string? ManagerName, string? ManagerEmail, string? ExternalId, DateTime? DeactivatedAtUtc, DateTime? ErasedAtUtc);

    public sealed record SignIn(string Email, bool EmailConfirmed, IReadOnlyList<string> Roles, bool HasPassword, IReadOnlyList<string> ExternalProviders,
        DateTime? LastSignInAtUtc, string? LastSignInMethod, DateTimeOffset? LockedOutUntil);

    public sealed record ProgrammeRoleEntry(string Programme, ProgrammeRoleKind Role, string HelpsWith);

    public sealed record UnitCoverageEntry(string Programme, string Unit);

    public sealed record WaveMembership(string Programme, string Wave, string? RolloutGroup);

    public sealed record GroupFacilitated(string Wave, string RolloutGroup);

    public sealed record EnrollmentEntry(string Session, SessionKind Kind, DateTime SessionStartUtc, EnrollmentState State, bool WalkIn,
        DateTime CreatedAtUtc, DateTime ChangedAtUtc, DateTime? WaitlistedAtUtc);

    public sealed record SessionTrained(string Session, SessionKind Kind, DateTime SessionStartUtc);

    public sealed record FeedbackEntry(string Session, int Score, string Comment, DateTime CreatedAtUtc);

    public sealed record ObjectiveOwned(string Title, string Why, string Unit, string Period, ObjectiveStatus Status);

    /// <summary>A key result they own or contribute to.</summary>
    public sealed record KeyResultEntry(string Title, string Objective, bool Owner, bool Contributor, KeyResultMetric Metric, double StartValue, double? TargetValue, double CurrentValue, string UnitLabel);

    public sealed record CheckInEntry(string KeyResult, DateOnly Date, double Value, int Confidence, string Note, DateTime CreatedAtUtc);

    public sealed record StageOverrideEntry(string Programme, OnboardingStage Stage, string Reason, string SetBy, DateTime SetAtUtc);

    public sealed record TrainingRequestEntry(string Programme, string Unit, SessionKind Kind, Language Language, string Message, TrainingRequestStatus Status,
        DateTime CreatedAtUtc, string? DeclineReason, DateTime? DecidedAtUtc);

    public sealed record CalendarFeedEntry(DateTime CreatedAtUtc, DateTime? LastReadAtUtc);

    public sealed record SignInLinkEntry(DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? UsedAtUtc);

    public sealed record AuditEntryRow(DateTime AtUtc, string Actor, string Action, string EntityType, string? EntityId, string Details);

    /// <summary>An e-mail to them; its text is null once removed (sent e-mails keep their bodies only for a while).</summary>
    public sealed record EmailEntry(string Subject, string Template, Language Language, OutboxStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc, string? Text);
}

/// <summary>Gathers <see cref="PersonData"/> for one person and writes it as JSON; the readable page is /People/DataExport.</summary>
public sealed class PersonDataExport(AppDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new UtcDateTimeConverter() },
    };

    public static byte[] ToJson(PersonData data) => JsonSerializer.SerializeToUtf8Bytes(data, Json);

    public async Task<PersonData?> GatherAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new PersonData.DirectoryEntry(p.Id, p.Name, p.Email, p.Unit.NamePath, p.IsLead, p.PreferredLanguage, p.IsActive,
                p.Manager == null ? null : p.Manager.Name, p.Manager == null ? null : p.Manager.Email, p.ExternalId, p.DeactivatedAtUtc, p.ErasedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }
        var email = person.Email;

        var signIns = new List<PersonData.SignIn>();
        foreach (var user in await db.Users.AsNoTracking().Where(u => u.Email == email)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, HasPassword = u.PasswordHash != null, u.LastSignInAtUtc, u.LastSignInMethod, u.LockoutEnd }).ToListAsync(cancellationToken))
        {
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync(cancellationToken);
            var providers = await db.UserLogins.Where(l => l.UserId == user.Id).Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToListAsync(cancellationToken);
            signIns.Add(new(user.Email!, user.EmailConfirmed, roles, user.HasPassword, providers, user.LastSignInAtUtc, user.LastSignInMethod, user.LockoutEnd));
        }

        var contributed = db.KeyResultContributors.Where(c => c.PersonId == personId).Select(c => c.KeyResultId);
        return new PersonData(
            db.Clock.GetUtcNow().UtcDateTime,
            person.PreferredLanguage,
            [person],
            signIns,
            await db.ProgrammeRoles.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Programme.Name).ThenBy(r => r.Role)
                .Select(r => new PersonData.ProgrammeRoleEntry(r.Programme.Name, r.Role, r.HelpsWith)).ToListAsync(cancellationToken),
            await db.UnitCoverages.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Unit.NamePath)
                .Select(c => new PersonData.UnitCoverageEntry(c.Programme.Name, c.Unit.NamePath)).ToListAsync(cancellationToken),
            await db.WaveMembers.AsNoTracking().Where(m => m.PersonId == personId).OrderBy(m => m.Wave.PlannedStart)
                .Select(m => new PersonData.WaveMembership(m.Programme.Name, m.Wave.Name, m.RolloutGroup == null ? null : m.RolloutGroup.Name)).ToListAsync(cancellationToken),
            await db.RolloutGroups.AsNoTracking().Where(g => g.FacilitatorId == personId).OrderBy(g => g.Wave.PlannedStart).ThenBy(g => g.Name)
                .Select(g => new PersonData.GroupFacilitated(g.Wave.Name, g.Name)).ToListAsync(cancellationToken),
            await db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Session.StartUtc)
                .Select(e => new PersonData.EnrollmentEntry(e.Session.Title, e.Session.Kind, e.Session.StartUtc, e.State, e.WalkIn, e.CreatedAtUtc, e.ChangedAtUtc, e.WaitlistedAtUtc)).ToListAsync(cancellationToken),
            await db.SessionTrainers.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.Session.StartUtc)
                .Select(t => new PersonData.SessionTrained(t.Session.Title, t.Session.Kind, t.Session.StartUtc)).ToListAsync(cancellationToken),
            await db.SessionFeedback.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.CreatedAtUtc)
                .Select(f => new PersonData.FeedbackEntry(f.Session.Title, f.Score, f.Comment, f.CreatedAtUtc)).ToListAsync(cancellationToken),
            await db.Objectives.AsNoTracking().Where(o => o.OwnerId == personId).OrderBy(o => o.Period.StartDate).ThenBy(o => o.Title)
                .Select(o => new PersonData.ObjectiveOwned(o.Title, o.Why, o.Unit.NamePath, o.Period.Name, o.Status)).ToListAsync(cancellationToken),
            await db.KeyResults.AsNoTracking().Where(k => k.OwnerId == personId || contributed.Contains(k.Id)).OrderBy(k => k.Objective.Title).ThenBy(k => k.Title)
                .Select(k => new PersonData.KeyResultEntry(k.Title, k.Objective.Title, k.OwnerId == personId, contributed.Contains(k.Id), k.Metric, k.StartValue, k.TargetValue, k.CurrentValue, k.UnitLabel))
                .ToListAsync(cancellationToken),
            await db.CheckIns.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Date).ThenBy(c => c.Id)
                .Select(c => new PersonData.CheckInEntry(c.KeyResult.Title, c.Date, c.Value, c.Confidence, c.Note, c.CreatedAtUtc)).ToListAsync(cancellationToken),
            await db.StageOverrides.AsNoTracking().Where(o => o.PersonId == personId).OrderBy(o => o.SetAtUtc)
                .Join(db.Programmes, o => o.ProgrammeId, p => p.Id, (o, p) => new PersonData.StageOverrideEntry(p.Name, o.Stage, o.Reason, o.SetBy, o.SetAtUtc)).ToListAsync(cancellationToken),
            await db.TrainingRequests.AsNoTracking().Where(r => r.RequestedById == personId).OrderBy(r => r.CreatedAtUtc)
                .Select(r => new PersonData.TrainingRequestEntry(r.Programme.Name, r.Unit.NamePath, r.Kind, r.Language, r.Message, r.Status, r.CreatedAtUtc, r.DeclineReason, r.DecidedAtUtc))
                .ToListAsync(cancellationToken),
            await db.CalendarFeeds.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.CreatedAtUtc)
                .Select(f => new PersonData.CalendarFeedEntry(f.CreatedAtUtc, f.LastReadAtUtc)).ToListAsync(cancellationToken),
            await db.SignInLinks.AsNoTracking().Where(l => l.PersonId == personId).OrderBy(l => l.CreatedAtUtc)
                .Select(l => new PersonData.SignInLinkEntry(l.CreatedAtUtc, l.ExpiresAtUtc, l.UsedAtUtc)).ToListAsync(cancellationToken),
            await db.AuditEntries.AsNoTracking().Where(a => a.AffectedPersonId == personId || a.Actor == email).OrderBy(a => a.AtUtc).ThenBy(a => a.Id)
                .Select(a => new PersonData.AuditEntryRow(a.AtUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Details)).ToListAsync(cancellationToken),
            await db.OutboxMessages.AsNoTracking().Where(m => m.RecipientEmail == email).OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)
                .Select(m => new PersonData.EmailEntry(m.Subject, m.Template, m.Language, m.Status, m.CreatedAtUtc, m.SentAtUtc, m.TextBody == "" ? null : m.TextBody))
                .ToListAsync(cancellationToken));
    }

    /// <summary>Times are stored in UTC without saying so; the export says so ("…Z").</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
