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
        // The probe's 5,000 levels are longer than a row may be (16 KiB); 1,000 levels fit in a row.
        var deep = "Aurora Telematics/" + string.Join('/', Enumerable.Range(0, 999).Select(i => $"U{i}"));
        var longPath = string.Join('/', Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 150)));
        var deepest = string.Join('/', Enumerable.Range(0, OrgUnit.MaxDepth).Select(i => $"Level {i}"));

        var file = Read($"email,name,unit,lead,language\ndeep@example.com,Deep,{deep},no,fi\nlong@example.com,Long,{longPath},no,fi\nok@example.com,Fine,{deepest},no,fi\n");

        Assert.Equal(
            [(2, "unit", "The unit path has 1000 levels; at most 15 are allowed."), (3, "unit", "The unit path is 1,509 characters long; at most 1,000 are allowed.")],
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
        Assert.Equal([100L], error.Arguments);
    }

    private const string Header = "email;name;unit;lead;language;manager_email\n";
    private const long Megabyte = 1024 * 1024;

    /// <summary>The header, then valid rows of people, each a different address; one byte may be bad.</summary>
    private static GeneratedStream DistinctRows(long length, long badAt = -1, byte bad = 0)
    {
        static byte[] Row(long n) => Encoding.ASCII.GetBytes($"p{n:D10}@example.com;P;Org;no;fi;\n");
        var rowLength = Row(0).Length;
        var (number, row) = (-1L, Array.Empty<byte>());
        return new GeneratedStream(length, i =>
        {
            if (i == badAt || i < Header.Length)
            {
                return i == badAt ? bad : (byte)Header[(int)i];
            }
            var n = (i - Header.Length) / rowLength;
            if (n != number)
            {
                (number, row) = (n, Row(n));
            }
            return row[(i - Header.Length) % rowLength];
        });
    }

    [Fact]
    public void A_file_over_the_limit_is_read_only_to_the_limit()
    {
        var upload = DistinctRows(500 * Megabyte);

        var file = PeopleCsvReader.Read(upload, Megabyte);

        Assert.Equal((ImportMessages.TooLarge, (int?)null), (Assert.Single(file.Errors).Message, Assert.Single(file.Errors).Line));
        Assert.Equal(file.Errors[0], file.Refusal);
        Assert.Empty(file.Rows);
        Assert.True(upload.BytesRead <= Megabyte + 1, $"read {upload.BytesRead:N0} bytes");
    }

    public static TheoryData<string, Func<GeneratedStream>, int> EndlessRows => new()
    {
        { "500 MB on one line", () => GeneratedStream.Of("", 'x', 500 * Megabyte), 1 },
        { "a header of millions of columns", () => new GeneratedStream(500 * Megabyte, i => i % 2 == 0 ? (byte)'c' : (byte)';'), 1 },
        { "a quoted field that never closes", () => GeneratedStream.Of(Header + "a@example.com;\"", 'b', 500 * Megabyte), 2 },
        { "a quoted field full of line breaks", () => GeneratedStream.Of(Header + "a@example.com;\"", '\n', 500 * Megabyte), 2 },
    };

    [Theory]
    [MemberData(nameof(EndlessRows))]
    public void A_row_longer_than_the_row_limit_refuses_the_file_without_reading_on(string why, Func<GeneratedStream> upload, int line)
    {
        var stream = upload();

        var file = PeopleCsvReader.Read(stream, long.MaxValue);

        var error = Assert.Single(file.Errors);
        Assert.Equal((ImportMessages.LineTooLong, line), (error.Message, error.Line));
        Assert.Equal([line, PeopleImportLimits.MaxRowBytes], error.Arguments);
        Assert.True(stream.BytesRead < 4 * PeopleImportLimits.MaxRowBytes, $"{why}: read {stream.BytesRead:N0} bytes");
    }

    [Fact]
    public void Bad_bytes_far_into_a_file_refuse_it_whole()
    {
        var binary = PeopleCsvReader.Read(DistinctRows(4 * Megabyte, badAt: 3 * Megabyte, bad: 0), long.MaxValue);
        var latin1 = PeopleCsvReader.Read(DistinctRows(4 * Megabyte, badAt: 3 * Megabyte, bad: 0xE4), long.MaxValue);

        Assert.Equal(ImportMessages.Binary, Assert.Single(binary.Errors).Message);
        Assert.Equal(ImportMessages.NotUtf8, Assert.Single(latin1.Errors).Message);
        Assert.Empty(binary.Rows);
    }

    [Fact]
    public void A_file_that_arrives_a_byte_at_a_time_reads_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFemail;name;unit;lead;language\r\npäivi@example.com;\"Päivi \"\"P\"\" Mäkinen\";Org/Töölö;kyllä;fi\r\n");

        var whole = PeopleCsvReader.Read(bytes, Limit);
        var trickled = PeopleCsvReader.Read(new GeneratedStream(bytes.Length, i => bytes[i], chunk: 1), Limit);

        Assert.True(whole.IsValid, string.Join("; ", whole.Errors));
        Assert.Equal(whole.Rows, trickled.Rows);
        Assert.Equal("Päivi \"P\" Mäkinen", Assert.Single(trickled.Rows).Name);
    }

    [Fact]
    public void A_character_cut_off_by_the_end_of_the_file_is_not_UTF8()
    {
        var cut = Encoding.UTF8.GetBytes("email;name;unit;lead;language\na@example.com;P\u00E4")[..^1];

        Assert.Equal(ImportMessages.NotUtf8, Assert.Single(PeopleCsvReader.Read(cut, Limit).Errors).Message);
    }

    [Fact]
    public void A_million_bad_rows_keep_500_errors_and_the_reading_stops_there()
    {
        var rows = new GeneratedStream(200 * Megabyte, i => i < Header.Length ? (byte)Header[(int)i] : (i - Header.Length) % 2 == 0 ? (byte)'x' : (byte)'\n');
        var columns = string.Join(";", Enumerable.Range(1, 2000).Select(i => $"c{i}"));

        var badRows = PeopleCsvReader.Read(rows, long.MaxValue);
        var badColumns = Read(columns + "\na\n");

        foreach (var file in new[] { badRows, badColumns })
        {
            Assert.Equal(ImportErrors.Max + 1, file.Errors.Count);
            Assert.Equal(ImportMessages.TooManyErrors, file.Errors[^1].Message);
        }
        Assert.Equal(ImportErrors.Max + 2, badRows.Errors[^1].Line);
        Assert.True(rows.BytesRead < Megabyte, $"read {rows.BytesRead:N0} bytes");
    }

    public static TheoryData<string, Func<GeneratedStream>> Refused200MegabyteUploads => new()
    {
        { "over the file limit", () => GeneratedStream.Of(Header, 'x', 200 * Megabyte) },
        { "one line", () => GeneratedStream.Of("", 'x', 200 * Megabyte) },
        { "an unclosed quote", () => GeneratedStream.Of(Header + "\"", 'y', 200 * Megabyte) },
        { "one-field rows", () => new GeneratedStream(200 * Megabyte, i => i < Header.Length ? (byte)Header[(int)i] : (i - Header.Length) % 2 == 0 ? (byte)'x' : (byte)'\n') },
        { "random bytes", () => new GeneratedStream(200 * Megabyte, i => (byte)((i * 2654435761L) >> 13)) },
    };

    /// <summary>
    /// Measured, not timed. The parser is synchronous, so the allocations of this thread are all of
    /// its own and none of the test classes running alongside.
    /// </summary>
    [Theory]
    [MemberData(nameof(Refused200MegabyteUploads))]
    public void Refusing_a_200_MB_upload_allocates_less_than_4_MB(string why, Func<GeneratedStream> upload)
    {
        var stream = upload();
        var limit = why == "over the file limit" ? 20 * Megabyte : 256 * Megabyte;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = PeopleCsvReader.Read(stream, limit);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(file.IsValid);
        Assert.True(allocated < 4 * Megabyte, $"{why}: allocated {allocated:N0} bytes, read {stream.BytesRead:N0}");
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
