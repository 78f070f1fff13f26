using System.Net.Mail;
using System.Text;
using CsvHelper;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

public sealed record PeopleCsvRow(int Line, string Email, string Name, string UnitPath, bool IsLead, Language Language, string? ManagerEmail);

public sealed class PeopleCsvFile
{
    public List<PeopleCsvRow> Rows { get; } = [];
    public List<ImportError> Errors { get; } = [];
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Parses and validates an HR export. Checks that need the database live in <see cref="PeopleImportPlanner"/>.</summary>
public static class PeopleCsvReader
{
    public const int MaxNameLength = TextLimits.Name;
    public const int MaxEmailLength = TextLimits.Email;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PeopleCsvFile Read(ReadOnlySpan<byte> content, long maxBytes)
    {
        var file = new PeopleCsvFile();
        if (content.Length > maxBytes)
        {
            file.Errors.Add(new ImportError(null, null, ImportMessages.TooLarge, (long)content.Length, maxBytes));
            return file;
        }
        if (content.IndexOf((byte)0) >= 0)
        {
            file.Errors.Add(new ImportError(null, null, ImportMessages.Binary));
            return file;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content.StartsWith(Encoding.UTF8.Preamble) ? content[3..] : content);
        }
        catch (DecoderFallbackException)
        {
            file.Errors.Add(new ImportError(null, null, ImportMessages.NotUtf8));
            return file;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            file.Errors.Add(new ImportError(null, null, ImportMessages.EmptyFile));
            return file;
        }

        ReadRows(text, file);
        return file;
    }

    private static void ReadRows(string text, PeopleCsvFile file)
    {
        var options = new CsvReaderOptions
        {
            Separator = DetectSeparator(text),
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            DetectSeparatorHint = false,
        };
        using var csv = CsvReader.FromText(text, options);
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
        while (true)
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
    public static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

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

    private static PeopleCsvRow? ReadRow(int line, string[] fields, Dictionary<string, int> columns, List<ImportError> errors, Dictionary<string, string> repeated)
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
