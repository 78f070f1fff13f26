using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Privacy;

/// <summary>A person of the demo organisation with one record of every kind the app stores about someone.</summary>
public sealed record PersonWithEverything(int Id, string Email, string Name)
{
    /// <summary>The free texts they wrote, each naming them, so a search for the name finds them until they are erased.</summary>
    public string Feedback => $"Useful session, thanks! {Name}";
    public string Note => $"On track, says {Name}";
    public string RequestMessage => $"Please train our team. {Name}";
    public string HelpsWith => $"Spreadsheets ({Name})";

    /// <summary>Seeds the person once per app; later calls find them.</summary>
    public static async Task<PersonWithEverything> SeedAsync(AppFactory factory, string email, string name, Language language)
    {
        if (await factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => (int?)p.Id).SingleOrDefaultAsync()) is { } seeded)
        {
            return new(seeded, email, name);
        }
        await factory.CreateSignInAsync(email);
        var id = await factory.WithDbAsync(async db =>
        {
            var now = factory.NowUtc;
            var unit = await db.OrgUnits.Where(u => db.People.Count(p => p.UnitId == u.Id) >= 5).OrderBy(u => u.Id).FirstAsync();
            var manager = await db.People.Where(p => p.UnitId == unit.Id && p.IsLead).OrderBy(p => p.Id).FirstOrDefaultAsync();
            var person = new Person { Name = name, Email = email, UnitId = unit.Id, PreferredLanguage = language, ManagerId = manager?.Id, ExternalId = "idp-" + email };
            db.People.Add(person);
            await db.SaveChangesAsync();

            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.LastSignInAtUtc = now.AddDays(-3);
            user.LastSignInMethod = "pwd";

            var programme = await db.Programmes.OrderBy(p => p.Id).FirstAsync();
            var wave = await db.Waves.Where(w => w.ProgrammeId == programme.Id).OrderBy(w => w.Order).FirstAsync();
            var group = new RolloutGroup { WaveId = wave.Id, Name = "Privacy group " + Guid.NewGuid().ToString("N")[..6], FacilitatorId = person.Id };
            db.RolloutGroups.Add(group);
            await db.SaveChangesAsync();
            db.ProgrammeRoles.Add(new ProgrammeRole { ProgrammeId = programme.Id, PersonId = person.Id, Role = ProgrammeRoleKind.GuildMember, HelpsWith = $"Spreadsheets ({name})" });
            db.UnitCoverages.Add(new UnitCoverage { ProgrammeId = programme.Id, PersonId = person.Id, UnitId = unit.Id });
            db.WaveMembers.Add(new WaveMember { ProgrammeId = programme.Id, WaveId = wave.Id, PersonId = person.Id, RolloutGroupId = group.Id });

            var session = await db.TrainingSessions.Where(s => s.StartUtc < now).OrderBy(s => s.Id).FirstAsync();
            db.Enrollments.Add(new Enrollment { SessionId = session.Id, PersonId = person.Id, State = EnrollmentState.Attended, CreatedAtUtc = session.StartUtc.AddDays(-7), ChangedAtUtc = session.StartUtc });
            db.SessionTrainers.Add(new SessionTrainer { SessionId = session.Id, PersonId = person.Id });
            db.SessionFeedback.Add(new SessionFeedback { SessionId = session.Id, PersonId = person.Id, Score = 4, Comment = $"Useful session, thanks! {name}", CreatedAtUtc = session.StartUtc.AddHours(2) });

            var period = await db.Periods.OrderBy(p => p.StartDate).LastAsync();
            var objective = new Objective { PeriodId = period.Id, UnitId = unit.Id, Title = "Ship the privacy export", OwnerId = person.Id, Status = ObjectiveStatus.Published };
            var keyResult = new KeyResult { Objective = objective, Title = "Every kind of record exported", TargetValue = 10, CurrentValue = 4, OwnerId = person.Id };
            db.Objectives.Add(objective);
            db.KeyResults.Add(keyResult);
            var othersKeyResult = await db.KeyResults.Where(k => k.OwnerId != null).OrderBy(k => k.Id).FirstAsync();
            db.KeyResultContributors.Add(new KeyResultContributor { KeyResultId = othersKeyResult.Id, PersonId = person.Id });
            await db.SaveChangesAsync();
            db.CheckIns.Add(new CheckIn { KeyResultId = keyResult.Id, PersonId = person.Id, Date = factory.Today, Value = 4, Confidence = 7, Note = $"On track, says {name}", CreatedAtUtc = now });

            db.StageOverrides.Add(new StageOverride { ProgrammeId = programme.Id, PersonId = person.Id, Stage = OnboardingStage.Trained, Reason = "Trained at a former employer", SetBy = DemoUsers.Ambassador, SetAtUtc = now.AddDays(-2) });
            db.TrainingRequests.Add(new TrainingRequest { ProgrammeId = programme.Id, RequestedById = person.Id, UnitId = unit.Id, Language = language, Message = $"Please train our team. {name}", CreatedAtUtc = now.AddDays(-5) });
            db.CalendarFeeds.Add(new CalendarFeed { PersonId = person.Id, TokenHash = "feed-" + Guid.NewGuid().ToString("N"), CreatedAtUtc = now.AddDays(-4), LastReadAtUtc = now.AddDays(-1) });
            db.SignInLinks.Add(new SignInLink { PersonId = person.Id, TokenHash = "link-" + Guid.NewGuid().ToString("N"), CreatedAtUtc = now.AddDays(-6), ExpiresAtUtc = now.AddDays(1), UsedAtUtc = now.AddDays(-6) });
            db.AuditEntries.Add(new AuditEntry { AtUtc = now.AddDays(-6), Actor = DemoUsers.Admin, Action = "person.updated", EntityType = nameof(Person), EntityId = person.Id.ToString(), Details = $"{name} <{email}>", AffectedPersonId = person.Id });
            db.AuditEntries.Add(new AuditEntry { AtUtc = now.AddDays(-5), Actor = email, Action = "guild.joined", EntityType = nameof(Programme), EntityId = programme.Id.ToString(), Details = "Spreadsheets" });
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = now.AddDays(-7), RecipientEmail = email, RecipientName = name, Language = language, Template = "SignInInvitation",
                Subject = "Welcome to OkrRollout", TextBody = $"Hello {name},\n\nwelcome.", HtmlBody = $"<p>Hello {System.Net.WebUtility.HtmlEncode(name)},</p>",
                Status = OutboxStatus.Sent, Attempts = 1, NextAttemptAtUtc = now.AddDays(-7), SentAtUtc = now.AddDays(-7),
            });
            await db.SaveChangesAsync();
            return person.Id;
        });
        return new(id, email, name);
    }

    /// <summary>Where the text appears in the database: every text column of every table, as "table.column" (binary columns aside).</summary>
    public static async Task<List<string>> WhereStoredAsync(AppDbContext db, string text)
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Where(p => (p.GetProviderClrType() ?? p.ClrType) == typeof(string)))
            {
                var column = property.GetColumnName();
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE @text";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "text";
                parameter.Value = "%" + text + "%";
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync()) > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }
        return found;
    }
}
