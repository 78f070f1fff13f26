namespace OkrRollout.Web.Domain;

/// <summary>A training session: Proemion's rollout-group trainings, VTT's sessions in Finnish and English, a team's session on request.</summary>
public class TrainingSession : IVersioned
{
    public int Id { get; set; }
    public int? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public SessionKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Language Language { get; set; }
    public SessionMode Mode { get; set; }
    public string Room { get; set; } = "";
    public string Link { get; set; } = "";
    public DateTime StartUtc { get; set; }
    public int DurationMinutes { get; set; }
    public int Capacity { get; set; }
    public int? WaveId { get; set; }
    public Wave? Wave { get; set; }
    public int? RolloutGroupId { get; set; }
    public RolloutGroup? RolloutGroup { get; set; }
    public int? TrainingRequestId { get; set; }
    public TrainingRequest? TrainingRequest { get; set; }
    public SessionStatus Status { get; set; } = SessionStatus.Scheduled;

    /// <summary>The calendar SEQUENCE: raised whenever time or place change, so calendars update the event.</summary>
    public int Sequence { get; set; }

    public int Version { get; set; }

    /// <summary>Raised by every roster change; taking it first serialises registrations for one session on every engine.</summary>
    public int RosterVersion { get; set; }

    public List<SessionTrainer> Trainers { get; } = [];
    public List<Enrollment> Enrollments { get; } = [];

    public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);

    public string CalendarUid => $"training-session-{Id}@okrrollout";

    /// <summary>The sessions that attendance counts for "Trained": basics and the key-result workshop.</summary>
    public static readonly SessionKind[] CoreKinds = [SessionKind.OkrBasics, SessionKind.KeyResultWorkshop];

    public static bool IsCore(SessionKind kind) => CoreKinds.Contains(kind);

    /// <summary>Attendance is taken from the session's start, unless it was cancelled.</summary>
    public static bool TakesAttendance(DateTime startUtc, SessionStatus status, DateTime nowUtc) => nowUtc >= startUtc && status == SessionStatus.Scheduled;
}

public enum SessionKind
{
    Icebreaker,
    OkrBasics,
    KeyResultWorkshop,
    CheckInPractice,
    RetroFacilitation,
    OnlineModule,
}

public enum SessionMode
{
    InPerson,
    Online,
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}
