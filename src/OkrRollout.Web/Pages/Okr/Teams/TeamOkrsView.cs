namespace OkrRollout.Web.Pages.Okr.Teams;

/// <summary>The team's key results table; after an htmx check-in it comes again out of band, so progress and the last check-in show at once.</summary>
public sealed record TeamOkrsView(IndexModel Page, bool OutOfBand);
