namespace OkrRollout.Web.Domain;

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
