namespace OkrRollout.Web.Import;

/// <summary>How large an uploaded people list may be, set with Import:MaxFileBytes, and how long one of its rows.</summary>
public static class PeopleImportLimits
{
    /// <summary>32 MiB: the export of 100,000 people that tests/OkrRollout.Benchmarks generates (generate-people) is 12.5 MiB.</summary>
    public const long DefaultMaxFileBytes = 32 * 1024 * 1024;

    /// <summary>A row of an HR export is a few hundred bytes; a much longer one is not a row of people.</summary>
    public const int MaxRowBytes = 16 * 1024;

    /// <summary>What the upload form sends besides the file: boundaries, part headers, the antiforgery token, the checkbox.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public static long MaxFileBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>("Import:MaxFileBytes") ?? DefaultMaxFileBytes;
}
