using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Data;

/// <summary>
/// The model, on SQLite (the default engine). <see cref="PostgresAppDbContext"/> is the same model on
/// PostgreSQL; each engine has a context type of its own because EF picks migrations by context type.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock)
        : base(options)
    {
        Clock = clock;
    }

    protected AppDbContext(DbContextOptions options, TimeProvider clock)
        : base(options)
    {
        Clock = clock;
    }

    /// <summary>The app's clock, for the times that writes stamp (audit entries).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Set around a save whose audit entry is written right after it (<see cref="Saving.SaveWithAuditAsync"/>), so <see cref="AuditTrail"/> adds none.</summary>
    public bool AuditEntryFollows { get; set; }

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<RolloutGroup> RolloutGroups => Set<RolloutGroup>();
    public DbSet<WaveMember> WaveMembers => Set<WaveMember>();
    public DbSet<ProgrammeRole> ProgrammeRoles => Set<ProgrammeRole>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PeopleImport> PeopleImports => Set<PeopleImport>();
    public DbSet<UnitCoverage> UnitCoverages => Set<UnitCoverage>();
    public DbSet<TrainingRequest> TrainingRequests => Set<TrainingRequest>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ScimToken> ScimTokens => Set<ScimToken>();
    public DbSet<ScimGroup> ScimGroups => Set<ScimGroup>();
    public DbSet<Cycle> Cycles => Set<Cycle>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<KeyResult> KeyResults => Set<KeyResult>();
    public DbSet<KeyResultContributor> KeyResultContributors => Set<KeyResultContributor>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<Retro> Retros => Set<Retro>();
    public DbSet<RetroScore> RetroScores => Set<RetroScore>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<SessionTrainer> SessionTrainers => Set<SessionTrainer>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<SessionFeedback> SessionFeedback => Set<SessionFeedback>();
    public DbSet<AdoptionSnapshot> AdoptionSnapshots => Set<AdoptionSnapshot>();
    public DbSet<StageOverride> StageOverrides => Set<StageOverride>();
    public DbSet<StageRollup> StageRollups => Set<StageRollup>();
    public DbSet<UnitActivityRollup> UnitActivityRollups => Set<UnitActivityRollup>();
    public DbSet<StageFactChange> StageFactChanges => Set<StageFactChange>();
    public DbSet<RollupState> RollupStates => Set<RollupState>();
    /// <summary>The data-protection key ring (PersistKeysToDbContext); see DataProtectionKeyConfiguration.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
