using System.Net.Mail;
using CsvHelper;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

public sealed record PeopleCsvRow(int Line, string Email, string Name, string UnitPath, bool IsLead, Language Language, string? ManagerEmail);

public sealed class PeopleCsvFile
{
    public List<PeopleCsvRow> Rows { get; } = [];
    public ImportErrors Errors { get; } = new();
    public bool IsValid => Errors.Count == 0;

    /// <summary>Set when the file was refused as a whole (too large, binary, not UTF-8, empty, an endless row): its only error.</summary>
    public ImportError? Refusal { get; private set; }

    public void Refuse(ImportError refusal)
    {
        Rows.Clear();
        Errors.Clear();
        Errors.Add(refusal);
        Refusal = refusal;
    }
}

/// <summary>Parses and validates an HR export. Checks that need the database live in <see cref="PeopleImportPlanner"/>.</summary>
public static class PeopleCsvReader
{
    public const int MaxNameLength = TextLimits.Name;
    public const int MaxEmailLength = TextLimits.Email;

    public static PeopleCsvFile Read(byte[] content, long maxBytes) => Read(new MemoryStream(content, writable: false), maxBytes);

    /// <summary>
    /// Reads the file row by row, and no more than <paramref name="maxBytes"/> of it (plus one byte to
    /// tell it is over): a file that is too large, binary, not UTF-8 or has an endless row is refused
    /// with that one error, however far into the file the problem is.
    /// </summary>
    public static PeopleCsvFile Read(Stream content, long maxBytes)
    {
        var file = new PeopleCsvFile();
        using var upload = new CheckedUploadStream(content, maxBytes);
        var separator = DetectSeparator(upload.PeekFirstLine());
        ReadRows(upload, separator, file);

        var refusal = upload.Problem ?? (upload.SawText ? null : new ImportError(null, null, ImportMessages.EmptyFile));
        if (refusal is not null)
        {
            file.Refuse(refusal);
        }
        return file;
    }

    private static void ReadRows(Stream content, char separator, PeopleCsvFile file)
    {
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            DetectSeparatorHint = false,
            // The upload stops long rows first; this keeps the reader's buffer small whatever comes.
            MaxRecordSize = 2 * PeopleImportLimits.MaxRowBytes,
            BufferSize = PeopleImportLimits.MaxRowBytes,
        };
        using var csv = CsvReader.Create(content, options, leaveOpen: true);
        string[] header;
        try
        {
            csv.ReadHeader();
            header = [.. csv.Headers];
        }
        catch (CsvFormatException exception)
        {
            file.Errors.Add(new ImportError(1, null, ImportMessages.Unreadable, FirstLine(exception.Message)));
            return;
        }
        var columns = MapColumns(header, file);
        if (columns is null)
        {
            return;
        }

        var firstLineOfEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new string[header.Length];
        var repeated = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!file.Errors.IsFull)
        {
            try
            {
                if (!csv.Read())
                {
                    break;
                }
            }
            catch (CsvFormatException exception)
            {
                // Quoting is broken from here on, so nothing after this point can be trusted.
                file.Errors.Add(new ImportError((int)exception.LineNumber, null, ImportMessages.Unreadable, FirstLine(exception.Message)));
                break;
            }

            var line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                file.Errors.Add(new ImportError(line, null, ImportMessages.WrongFieldCount, csv.FieldCount, header.Length));
                continue;
            }
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }
            var row = ReadRow(line, fields, columns, file.Errors, repeated);
            if (row is null)
            {
                continue;
            }
            if (firstLineOfEmail.TryGetValue(row.Email, out var firstLine))
            {
                file.Errors.Add(new ImportError(line, PeopleCsvFormat.Email, ImportMessages.DuplicateEmail, row.Email, firstLine));
                continue;
            }
            firstLineOfEmail[row.Email] = line;
            file.Rows.Add(row);
        }

        if (file.Rows.Count == 0 && file.Errors.Count == 0)
        {
            file.Errors.Add(new ImportError(null, null, ImportMessages.NoRows));
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0];

    /// <summary>Finnish spreadsheets write ';', others ','; the header row tells which.</summary>
    public static char DetectSeparator(ReadOnlySpan<byte> header) => header.Count((byte)';') > header.Count((byte)',') ? ';' : ',';

    private static Dictionary<string, int>? MapColumns(string[] header, PeopleCsvFile file)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = string.Join(", ", PeopleCsvFormat.All);
        for (var i = 0; i < header.Length; i++)
        {
            var name = PeopleCsvFormat.Canonical(header[i]);
            if (!PeopleCsvFormat.All.Contains(name))
            {
                file.Errors.Add(new ImportError(1, header[i], ImportMessages.UnknownColumn, header[i], expected));
            }
            else if (!columns.TryAdd(name, i))
            {
                file.Errors.Add(new ImportError(1, header[i], ImportMessages.DuplicateColumn, header[i]));
            }
        }
        var missing = PeopleCsvFormat.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            file.Errors.Add(new ImportError(1, null, ImportMessages.MissingColumns, string.Join(", ", missing), expected));
        }
        return file.Errors.Count == 0 ? columns : null;
    }

    /// <summary>
    /// Unit paths and managers' addresses repeat on many rows (100,000 people, 2,000 teams): the rows
    /// share one string per value instead of holding a copy each.
    /// </summary>
    private static string Shared(Dictionary<string, string> repeated, string value)
    {
        if (repeated.TryGetValue(value, out var shared))
        {
            return shared;
        }
        repeated.Add(value, value);
        return value;
    }

    /// <summary>
    /// One person given by column (directory sync sends people one at a time): the same checks and
    /// messages as a row of a file. Null, with the problems in <paramref name="errors"/>, when invalid.
    /// </summary>
    public static PeopleCsvRow? ReadRecord(IReadOnlyDictionary<string, string> values, ImportErrors errors)
    {
        var columns = PeopleCsvFormat.All.Select((column, index) => (column, index)).ToDictionary(c => c.column, c => c.index, StringComparer.Ordinal);
        var fields = PeopleCsvFormat.All.Select(column => values.GetValueOrDefault(column) ?? "").ToArray();
        return ReadRow(1, fields, columns, errors, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static PeopleCsvRow? ReadRow(int line, string[] fields, Dictionary<string, int> columns, ImportErrors errors, Dictionary<string, string> repeated)
    {
        var errorCount = errors.Count;
        string Field(string column) => CsvFormulaGuard.Restore(fields[columns[column]].Trim());

        var email = Person.NormaliseEmail(Field(PeopleCsvFormat.Email));
        if (email.Length == 0)
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Email, ImportMessages.Required));
        }
        else if (!IsValidEmail(email))
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Email, ImportMessages.InvalidEmail, email));
        }

        var name = Field(PeopleCsvFormat.Name);
        if (name.Length == 0)
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Name, ImportMessages.Required));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Name, ImportMessages.TooLong, MaxNameLength));
        }

        var rawUnit = Field(PeopleCsvFormat.Unit);
        var unit = OrgUnit.ParsePath(rawUnit);
        if (rawUnit.Length == 0)
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Unit, ImportMessages.Required));
        }
        else if (unit.Problem is { } problem)
        {
            errors.Add(problem switch
            {
                UnitPathProblem.TooDeep => new ImportError(line, PeopleCsvFormat.Unit, ImportMessages.UnitPathTooDeep, unit.Size, OrgUnit.MaxDepth),
                UnitPathProblem.TooLong => new ImportError(line, PeopleCsvFormat.Unit, ImportMessages.UnitPathTooLong, unit.Size, OrgUnit.MaxNamePathLength),
                _ => new ImportError(line, PeopleCsvFormat.Unit, ImportMessages.InvalidUnitPath, rawUnit),
            });
        }

        var rawLead = Field(PeopleCsvFormat.Lead);
        if (!PeopleCsvFormat.TryParseLead(rawLead, out var isLead))
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Lead, ImportMessages.InvalidLead, rawLead));
        }

        var rawLanguage = Field(PeopleCsvFormat.Language);
        if (!LanguageCodes.TryParse(rawLanguage, out var language))
        {
            errors.Add(new ImportError(line, PeopleCsvFormat.Language, ImportMessages.InvalidLanguage, rawLanguage));
        }

        string? managerEmail = null;
        if (columns.ContainsKey(PeopleCsvFormat.ManagerEmail))
        {
            managerEmail = Person.NormaliseEmail(Field(PeopleCsvFormat.ManagerEmail));
            if (managerEmail.Length == 0)
            {
                managerEmail = null;
            }
            else if (!IsValidEmail(managerEmail))
            {
                errors.Add(new ImportError(line, PeopleCsvFormat.ManagerEmail, ImportMessages.InvalidEmail, managerEmail));
            }
            else if (managerEmail == email)
            {
                errors.Add(new ImportError(line, PeopleCsvFormat.ManagerEmail, ImportMessages.SelfManager));
            }
        }

        return errors.Count == errorCount
            ? new PeopleCsvRow(line, email, name, Shared(repeated, unit.Path!), isLead, language, managerEmail is null ? null : Shared(repeated, managerEmail))
            : null;
    }

    public static bool IsValidEmail(string email) =>
        email.Length <= MaxEmailLength
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.');
}
