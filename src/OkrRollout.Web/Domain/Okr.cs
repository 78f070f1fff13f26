namespace OkrRollout.Web.Domain;

/// <summary>An annual OKR cycle, divided into execution periods.</summary>
public class Cycle
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public List<Period> Periods { get; } = [];
}

/// <summary>An execution period (Kela: four months; any length, even a couple of weeks).</summary>
public class Period
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public Cycle Cycle { get; set; } = null!;
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    public PeriodState StateOn(DateOnly today) =>
        today < StartDate ? PeriodState.Upcoming : today > EndDate ? PeriodState.Closed : PeriodState.Current;
}

public enum PeriodState
{
    Upcoming,
    Current,
    Closed,
}

public class Objective : IVersioned
{
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public Period Period { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
    public required string Title { get; set; }
    public string Why { get; set; } = "";
    public int? OwnerId { get; set; }
    public Person? Owner { get; set; }
    public ObjectiveStatus Status { get; set; } = ObjectiveStatus.Draft;

    /// <summary>Alignment: an objective of a higher level in the same period; drafts may align to drafts.</summary>
    public int? ParentId { get; set; }
    public Objective? Parent { get; set; }
    public List<KeyResult> KeyResults { get; } = [];
    public int Version { get; set; }
}

public enum ObjectiveStatus
{
    Draft,
    Published,
    Closed,
}

/// <summary>A measurable result. Values are doubles: SQLite cannot compare or sum decimals in SQL, and KR figures need no more.</summary>
public class KeyResult : IVersioned
{
    public int Id { get; set; }
    public int ObjectiveId { get; set; }
    public Objective Objective { get; set; } = null!;
    public required string Title { get; set; }
    public KeyResultMetric Metric { get; set; } = KeyResultMetric.Number;
    public double StartValue { get; set; }

    /// <summary>Null while the team has not settled on a target (a quality hint, not an error).</summary>
    public double? TargetValue { get; set; }
    public double CurrentValue { get; set; }
    public string UnitLabel { get; set; } = "";
    public int? OwnerId { get; set; }
    public Person? Owner { get; set; }
    public List<KeyResultContributor> Contributors { get; } = [];
    public List<CheckIn> CheckIns { get; } = [];
    public int Version { get; set; }

    public double Progress => OkrProgress.Of(Metric, StartValue, TargetValue, CurrentValue);
}

public enum KeyResultMetric
{
    Number,
    Percent,
    Milestone,
}

public class KeyResultContributor
{
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
}

/// <summary>A weekly check-in: where are we (value), how sure are we (confidence 0–10), and a note.</summary>
public class CheckIn
{
    public const int MaxConfidence = 10;

    public long Id { get; set; }
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public DateOnly Date { get; set; }
    public double Value { get; set; }
    public int Confidence { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A team's retrospective at the end of a period.</summary>
public class Retro
{
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public Period Period { get; set; } = null!;
    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
    public string WhatWorked { get; set; } = "";
    public string WhatWeLearned { get; set; } = "";
    public string FirstStepNextPeriod { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<RetroScore> Scores { get; } = [];
}

/// <summary>The final score of one key result, 0–1, pre-filled from its progress.</summary>
public class RetroScore
{
    public int RetroId { get; set; }
    public Retro Retro { get; set; } = null!;
    public int KeyResultId { get; set; }
    public KeyResult KeyResult { get; set; } = null!;
    public double Score { get; set; }
}
