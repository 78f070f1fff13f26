namespace OkrRollout.Web.Pages.People;

public sealed record PersonFormViewModel(PersonInput Input, Units.UnitChoices Units);
