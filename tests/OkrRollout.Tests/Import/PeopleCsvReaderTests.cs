using System.Text;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;

namespace OkrRollout.Tests.Import;

public class PeopleCsvReaderTests
{
    private const long Limit = 1024 * 1024;

    private static PeopleCsvFile Read(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return PeopleCsvReader.Read(bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes, Limit);
    }

    [Fact]
    public void Reads_a_semicolon_file_with_bom_as_Finnish_spreadsheets_save_it()
    {
        var file = Read("email;name;unit;lead;language;manager_email\r\nAINO.Virtanen@Example.com;Aino Virtanen;Nordic/Software/Cloud;kyllä;FI;\r\n", bom: true);

        Assert.True(file.IsValid, string.Join("; ", file.Errors));
        var row = Assert.Single(file.Rows);
        Assert.Equal(new PeopleCsvRow(2, "aino.virtanen@example.com", "Aino Virtanen", "Nordic/Software/Cloud", true, Language.Fi, null), row);
    }

    [Fact]
    public void Reads_a_comma_file_with_quoted_fields_and_header_aliases()
    {
        var file = Read("E-mail,Name,Unit,Lead,Language\n\"emma@example.com\",\"Laine, Emma\", Nordic / HR ,no,en\n");

        var row = Assert.Single(file.Rows);
        Assert.Equal("Laine, Emma", row.Name);
        Assert.Equal("Nordic/HR", row.UnitPath);
        Assert.False(row.IsLead);
        Assert.Equal(Language.En, row.Language);
    }

    [Theory]
    [InlineData("email,name,unit,lead\n", "Missing column(s): language")]
    [InlineData("email,name,unit,lead,language,salary\n", "Unknown column \"salary\"")]
    [InlineData("email,name,unit,lead,language,email\n", "appears twice")]
    public void Rejects_wrong_or_missing_columns(string header, string expected)
    {
        var file = Read(header + "a@example.com,A,X,no,fi\n");

        Assert.False(file.IsValid);
        Assert.Contains(file.Errors, e => string.Format(e.Message, e.Arguments).Contains(expected) && e.Line == 1);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void A_unit_path_deeper_or_longer_than_the_limits_is_refused_with_its_row_number()
    {
        var deep = "Aurora Telematics/" + string.Join('/', Enumerable.Range(0, 4999).Select(i => $"U{i}"));
        var longPath = string.Join('/', Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 150)));
        var deepest = string.Join('/', Enumerable.Range(0, OrgUnit.MaxDepth).Select(i => $"Level {i}"));

        var file = Read($"email,name,unit,lead,language\ndeep@example.com,Deep,{deep},no,fi\nlong@example.com,Long,{longPath},no,fi\nok@example.com,Fine,{deepest},no,fi\n");

        Assert.Equal(
            [(2, "unit", "The unit path has 5000 levels; at most 15 are allowed."), (3, "unit", "The unit path is 1,509 characters long; at most 1,000 are allowed.")],
            file.Errors.Select(e => (e.Line, e.Column, string.Format(System.Globalization.CultureInfo.InvariantCulture, e.Message, e.Arguments))));
        Assert.Equal(deepest, Assert.Single(file.Rows).UnitPath);
    }

    [Fact]
    public void Lists_every_row_error_with_its_line_and_column()
    {
        var file = Read(string.Join("\n",
            "email,name,unit,lead,language,manager_email",
            "good@example.com,Good,Org/Team,no,fi,",
            "not-an-email,Bad Email,Org/Team,no,fi,",
            "good@example.com,Duplicate,Org/Team,no,fi,",
            "x@example.com,,Org/Team,maybe,sv,",
            "y@example.com,Y,Org//Team,no,en,y@example.com",
            "z@example.com,Z,Org,no,en"));

        Assert.Equal(
            [
                (3, "email", ImportMessages.InvalidEmail),
                (4, "email", ImportMessages.DuplicateEmail),
                (5, "name", ImportMessages.Required),
                (5, "lead", ImportMessages.InvalidLead),
                (5, "language", ImportMessages.InvalidLanguage),
                (6, "unit", ImportMessages.InvalidUnitPath),
                (6, "manager_email", ImportMessages.SelfManager),
                (7, (string?)null, ImportMessages.WrongFieldCount),
            ],
            file.Errors.Select(e => (e.Line ?? 0, e.Column, e.Message)).ToList());
        Assert.Equal(2, Assert.Single(file.Errors, e => e.Message == ImportMessages.DuplicateEmail).Arguments[1]);
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        Assert.Equal(ImportMessages.EmptyFile, Assert.Single(Read("").Errors).Message);
        Assert.Equal(ImportMessages.EmptyFile, Assert.Single(Read("  \r\n ", bom: true).Errors).Message);
    }

    [Fact]
    public void Rejects_a_header_without_people()
    {
        Assert.Equal(ImportMessages.NoRows, Assert.Single(Read("email;name;unit;lead;language\n").Errors).Message);
    }

    [Fact]
    public void Rejects_a_binary_file()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
        Assert.Equal(ImportMessages.Binary, Assert.Single(PeopleCsvReader.Read(png, Limit).Errors).Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("email;name;unit;lead;language\npaivi@example.com;Päivi;Org;no;fi\n");
        Assert.Equal(ImportMessages.NotUtf8, Assert.Single(PeopleCsvReader.Read(latin1, Limit).Errors).Message);
    }

    [Fact]
    public void Rejects_a_file_over_the_size_limit()
    {
        var error = Assert.Single(PeopleCsvReader.Read(new byte[101], 100).Errors);
        Assert.Equal(ImportMessages.TooLarge, error.Message);
        Assert.Equal([101L, 100L], error.Arguments);
    }

    [Fact]
    public void Reports_broken_quoting_with_its_line()
    {
        var file = Read("email,name,unit,lead,language\na@example.com,A,Org,no,fi\nb@example.com,\"B,Org,no,fi\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal(ImportMessages.Unreadable, error.Message);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+358 40 123")]
    [InlineData("-minus")]
    [InlineData("@SUM(A1)")]
    public void Formula_guard_neutralises_and_restores_exactly(string value)
    {
        var neutralised = CsvFormulaGuard.Neutralise(value);
        Assert.StartsWith("'", neutralised);
        Assert.Equal(value, CsvFormulaGuard.Restore(neutralised));
    }

    [Fact]
    public void Formula_guard_leaves_ordinary_values_alone()
    {
        Assert.Equal("O'Brien", CsvFormulaGuard.Neutralise("O'Brien"));
        Assert.Equal("'quoted'", CsvFormulaGuard.Restore("'quoted'"));
    }
}
