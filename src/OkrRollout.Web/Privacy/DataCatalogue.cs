using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Privacy;

/// <summary>One kind of personal data the app keeps: what it is, why, on which legal basis, and the tables that hold it.</summary>
public sealed record DataCategory(string Name, string Data, string Purpose, string LegalBasis, IReadOnlyList<Type> EntityTypes);

/// <summary>
/// What the app stores and why, for the data-processing description (/Admin/DataProcessing). Every
/// entity type of <see cref="AppDbContext"/> is in one category (a test checks it), so a new table is
/// described when it is added. The texts are the English resource keys.
/// </summary>
public static class DataCatalogue
{
    public static readonly IReadOnlyList<DataCategory> Categories =
    [
        new("Directory: people and units",
            "Name, work e-mail address, unit, manager, whether the person leads a unit or team, preferred language, whether they are active and since when they are not, the identity provider's id; the organisation's units; uploaded HR files.",
            "Knowing who takes part in the OKR roll-out, in which unit, so that they can be invited, trained and counted in their unit's figures.",
            "Art. 6(1)(b) GDPR (employment relationship) or Art. 6(1)(f) (legitimate interest in introducing the OKR method).",
            [typeof(Person), typeof(OrgUnit), typeof(PeopleImport), typeof(ScimGroup)]),
        new("Sign-in and access rights",
            "The sign-in's e-mail address, a password hash when the person set a password, the time and method of the last sign-in, the roles granted; hashes of e-mailed sign-in links and of calendar-feed addresses; directory-sync tokens (hash and who made them); the keys that protect sign-in cookies.",
            "Letting people sign in securely and deciding what each of them may see and do.",
            "Art. 6(1)(f) and Art. 32 GDPR (security of processing).",
            [typeof(AppUser), typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>), typeof(IdentityRoleClaim<string>), typeof(SignInLink), typeof(CalendarFeed), typeof(ScimToken), typeof(DataProtectionKey)]),
        new("Roll-out plan",
            "Programmes, their waves and rollout groups; which wave and rollout group a person belongs to; places in the roll-out team (ambassador, coach, trainer, guild member, sponsor) and what a guild member offers help with; the units an ambassador or coach looks after.",
            "Planning the roll-out in phases and knowing who organises it.",
            "Art. 6(1)(b) or (f) GDPR.",
            [typeof(Programme), typeof(Wave), typeof(RolloutGroup), typeof(WaveMember), typeof(ProgrammeRole), typeof(UnitCoverage)]),
        new("Training",
            "Training sessions and their trainers; each person's invitation and its answer (registered, declined, waitlisted), attendance or no-show; the optional feedback after a session (score 1–5 and a comment); teams' requests for a team session.",
            "Organising training: places, waitlists, reminders, and knowing who has been trained.",
            "Art. 6(1)(b) GDPR (training at work) or Art. 6(1)(f).",
            [typeof(TrainingSession), typeof(SessionTrainer), typeof(Enrollment), typeof(SessionFeedback), typeof(TrainingRequest)]),
        new("OKRs",
            "Cycles and periods; objectives and key results with their owner and contributors; check-ins (value, confidence 0–10, note, who made it); retros and final scores.",
            "The OKR work itself: everyone in the organisation sees the objectives and key results, so that teams can align with each other.",
            "Art. 6(1)(b) or (f) GDPR.",
            [typeof(Cycle), typeof(Period), typeof(Objective), typeof(KeyResult), typeof(KeyResultContributor), typeof(CheckIn), typeof(Retro), typeof(RetroScore)]),
        new("Onboarding stages and adoption figures",
            "Each person's onboarding stage is worked out from the facts above when needed and not stored; an ambassador's correction of a person's stage with its reason; figures per unit, wave and rollout group (counts and shares, no names), and their weekly history.",
            "Following whether the roll-out reaches people, per unit and wave, without judging individuals.",
            "Art. 6(1)(f) GDPR.",
            [typeof(StageOverride), typeof(StageRollup), typeof(UnitActivityRollup), typeof(StageFactChange), typeof(RollupState), typeof(AdoptionSnapshot)]),
        new("E-mails",
            "Every e-mail the app sends: recipient's name and address, language, subject, body, calendar invitation, delivery status and errors.",
            "Sending invitations, reminders and sign-in links, and showing the roll-out team what was sent.",
            "Art. 6(1)(b) or (f) GDPR.",
            [typeof(OutboxMessage)]),
        new("Audit trail",
            "Who (sign-in e-mail) changed what, when, and which person the change was about.",
            "Accountability: being able to show who changed what, and to answer a person who asks what was done with their data.",
            "Art. 5(2) and Art. 32 GDPR.",
            [typeof(AuditEntry)]),
    ];

    /// <summary>The category that describes an entity type, or null when none does.</summary>
    public static DataCategory? For(Type entityType) => Categories.FirstOrDefault(c => c.EntityTypes.Contains(entityType));
}
