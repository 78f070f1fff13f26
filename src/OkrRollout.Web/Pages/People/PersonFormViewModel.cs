namespace OkrRollout.Web.Pages.People;

public sealed record PersonFormViewModel(PersonInput Input, List<UnitOption> Units);
