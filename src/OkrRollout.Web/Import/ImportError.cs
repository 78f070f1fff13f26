namespace OkrRollout.Web.Import;

/// <summary>
/// One problem in an uploaded file. <see cref="Message"/> is a localisation key from
/// <see cref="ImportMessages"/>; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed record ImportError(int? Line, string? Column, string Message, params object[] Arguments);

/// <summary>
/// The errors of one file, at most <see cref="Max"/> and then a last one saying the file was not
/// checked further: a file of a million bad rows costs no more than one of <see cref="Max"/>.
/// </summary>
public sealed class ImportErrors : IReadOnlyList<ImportError>
{
    public const int Max = 500;
    private readonly List<ImportError> _errors = [];

    /// <summary>Whether reading should stop: more errors would not be kept.</summary>
    public bool IsFull => _errors.Count > Max;

    public int Count => _errors.Count;

    public ImportError this[int index] => _errors[index];

    public void Add(ImportError error)
    {
        if (_errors.Count == Max)
        {
            error = new ImportError(error.Line, null, ImportMessages.TooManyErrors, Max);
        }
        if (!IsFull)
        {
            _errors.Add(error);
        }
    }

    public void AddRange(IEnumerable<ImportError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    public void Clear() => _errors.Clear();

    public IEnumerator<ImportError> GetEnumerator() => _errors.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class ImportMessages
{
    public const string NoFile = "Choose a CSV file to import.";
    public const string EmptyFile = "The file is empty.";
    public const string TooLarge = "The file is too large: the limit is {0:N0} bytes.";
    public const string UploadBroken = "The upload could not be read. Choose the file and try again.";
    public const string Binary = "The file is not a text file. Export the people list from your HR system as CSV.";
    public const string NotUtf8 = "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.";
    public const string MissingColumns = "Missing column(s): {0}. Expected columns: {1}.";
    public const string UnknownColumn = "Unknown column \"{0}\". Expected columns: {1}.";
    public const string DuplicateColumn = "The column \"{0}\" appears twice.";
    public const string NoRows = "The file has a header row but no people.";
    public const string Unreadable = "The row could not be read: {0}";
    public const string LineTooLong = "The row starting on line {0} is longer than {1:N0} bytes, far longer than a row of an HR export; nothing after it was read. Check for a quote (\") that is never closed.";
    public const string TooManyErrors = "More than {0:N0} problems: the file was not checked beyond this line.";
    public const string WrongFieldCount = "The row has {0} fields; the header has {1}.";
    public const string Required = "A value is required.";
    public const string InvalidEmail = "\"{0}\" is not a valid e-mail address.";
    public const string DuplicateEmail = "The e-mail address {0} already appears on line {1}.";
    public const string TooLong = "The value is longer than {0} characters.";
    public const string InvalidUnitPath = "\"{0}\" is not a unit path like Company/Function/Team.";
    public const string UnitPathTooDeep = "The unit path has {0} levels; at most {1} are allowed.";
    public const string UnitPathTooLong = "The unit path is {0:N0} characters long; at most {1:N0} are allowed.";
    public const string InvalidLead = "\"{0}\" is not a lead value; use yes or no.";
    public const string InvalidLanguage = "\"{0}\" is not a supported language; use fi or en.";
    public const string SelfManager = "A person cannot be their own manager.";
    public const string UnknownManager = "No person with the e-mail address {0} is in the file or the directory.";
    public const string Interrupted = "The application stopped while the import was running. Nothing was changed.";
    public const string DirectoryChanged = "The directory changed after the preview and the file no longer imports cleanly. Nothing was changed; upload the file again to see why.";
    public const string DeactivatesLastAdmins = "The file leaves out every administrator ({0}), who would then be locked out. Add them to the file, or make someone in it an administrator first on the users page.";

    public static readonly string[] All =
    [
        NoFile, EmptyFile, TooLarge, UploadBroken, Binary, NotUtf8, MissingColumns, UnknownColumn, DuplicateColumn, NoRows,
        Unreadable, LineTooLong, TooManyErrors, WrongFieldCount, Required, InvalidEmail, DuplicateEmail, TooLong, InvalidUnitPath,
        UnitPathTooDeep, UnitPathTooLong,
        InvalidLead, InvalidLanguage, SelfManager, UnknownManager, Interrupted, DirectoryChanged, DeactivatesLastAdmins,
    ];
}
