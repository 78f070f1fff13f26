namespace OkrRollout.Web.Pages.Users;

/// <summary>One row of the users page: the row, the page to come back to after a change, and whether it is a sign-in outside the directory.</summary>
public sealed record UserRowView(IndexModel.UserRow Row, string ReturnUrl, bool Outside);
