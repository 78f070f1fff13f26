namespace OkrRollout.Web.Security;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string Ambassador = nameof(Ambassador);
    public const string Leader = nameof(Leader);
    public const string Member = nameof(Member);

    public static readonly string[] All = [Admin, Ambassador, Leader, Member];
}

/// <summary>Every page names one of these in its [Authorize] attribute.</summary>
public static class Policies
{
    /// <summary>Any signed-in person.</summary>
    public const string Member = nameof(Member);

    /// <summary>Leadership and the roll-out team.</summary>
    public const string Leader = nameof(Leader);

    /// <summary>Plans and changes the roll-out.</summary>
    public const string Ambassador = nameof(Ambassador);

    public const string Admin = nameof(Admin);
}
