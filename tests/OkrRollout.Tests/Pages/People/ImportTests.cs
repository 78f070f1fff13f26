using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.People;

public class ImportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Header = "email;name;unit;lead;language;manager_email";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static async Task<IHtmlDocument> UploadAsync(PageSession session, byte[] content, bool deactivateMissing = false, string fileName = "people.csv")
    {
        var form = (await session.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;
        var values = new Dictionary<string, string>();
        if (deactivateMissing)
        {
            values["DeactivateMissing"] = "true";
        }
        return await session.SubmitFilesAsync(form, new() { ["Upload"] = (fileName, content) }, values);
    }

    private static async Task<IHtmlDocument> ConfirmAndWaitAsync(PageSession session, IHtmlDocument preview)
    {
        var progress = await session.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("main form.form-actions")!, submitterSelector: "button[formaction*='handler=Confirm']");
        for (var attempt = 0; attempt < 300 && progress.QuerySelector("#import-done, #import-failed") is null; attempt++)
        {
            await Task.Delay(100);
            progress = await session.GetAsync(progress.Url);
        }
        return progress;
    }

    private static int Count(IHtmlDocument preview, string what) =>
        int.Parse(preview.QuerySelector($"#import-summary [data-count={what}]")!.TextContent.Replace(",", "").Replace("\u00A0", ""));

    private Task<(int People, int Units, int Imports)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.People.CountAsync(), await db.OrgUnits.CountAsync(), await db.PeopleImports.CountAsync()));

    [Fact]
    public async Task A_new_file_is_previewed_then_imported_and_a_second_import_changes_nothing()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var file = Csv(Header,
            "noora.nieminen@aurora-telematics.example;Noora Nieminen;Aurora Telematics/Service/Field Service;yes;fi;",
            "james.smith@aurora-telematics.example;James Smith;Aurora Telematics/Service/Field Service;no;en;noora.nieminen@aurora-telematics.example",
            $"{DemoUsers.Member};Emma Laine;Aurora Telematics/Software/Cloud Platform;yes;fi;");
        var before = await CountsAsync();

        var preview = await UploadAsync(ambassador, file);

        Assert.Equal((2, 1, 0, 2), (Count(preview, "added"), Count(preview, "updated"), Count(preview, "deactivated"), Count(preview, "units")));
        Assert.Equal(before.People, (await CountsAsync()).People);
        Assert.Contains("lead", preview.QuerySelector("#import-updated tbody tr td:last-child")!.TextContent);

        var done = await ConfirmAndWaitAsync(ambassador, preview);

        Assert.Equal("Import finished: 2 added, 1 updated, 0 deactivated.", done.QuerySelector("#import-done")!.TextContent);
        var james = await factory.WithDbAsync(db => db.People.Include(p => p.Unit).Include(p => p.Manager).SingleAsync(p => p.Email == "james.smith@aurora-telematics.example"));
        Assert.Equal(("Aurora Telematics/Service/Field Service", "Noora Nieminen", Language.En), (james.Unit.NamePath, james.Manager!.Name, james.PreferredLanguage));
        Assert.True(await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Member).Select(p => p.IsLead).SingleAsync()));
        Assert.Equal(before.Units + 2, (await CountsAsync()).Units);

        var again = await UploadAsync(ambassador, file);
        Assert.Equal((0, 0, 3), (Count(again, "added"), Count(again, "updated"), Count(again, "unchanged")));
        Assert.NotNull(again.QuerySelector(".notice"));
        Assert.Null(again.QuerySelector("button[formaction*='handler=Confirm']"));
    }

    [Fact]
    public async Task Addresses_that_need_SMTPUTF8_are_imported_with_a_warning_that_names_their_lines()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var file = Csv(Header,
            "laura.müller@aurora-telematics.example;Laura Müller;Aurora Telematics/Service/Field Service;no;en;",
            "anna@müller-gmbh.example;Anna Schulz;Aurora Telematics/Service/Field Service;no;en;",
            "plain.person@aurora-telematics.example;Plain Person;Aurora Telematics/Service/Field Service;no;en;");

        var preview = await UploadAsync(ambassador, file);

        Assert.Equal(3, Count(preview, "added"));
        var warning = preview.QuerySelector("#import-smtputf8")!;
        Assert.StartsWith("1 e-mail address(es) have letters such as ä or ü before the @.", warning.QuerySelector("p")!.TextContent);
        Assert.Equal(["Line 2: laura.müller@aurora-telematics.example"], warning.QuerySelectorAll("li").Select(li => li.TextContent));
        var done = await ConfirmAndWaitAsync(ambassador, preview);
        Assert.Equal("Import finished: 3 added, 0 updated, 0 deactivated.", done.QuerySelector("#import-done")!.TextContent);
    }

    [Fact]
    public async Task Managers_are_linked_whatever_order_the_rows_come_in_even_in_a_cycle()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var file = Csv(Header,
            "report@example.com;Report;Org/Chain;no;fi;middle@example.com",
            "middle@example.com;Middle;Org/Chain;yes;fi;top@example.com",
            "top@example.com;Top;Org/Chain;yes;en;",
            "left@example.com;Left;Org/Loop;yes;fi;right@example.com",
            "right@example.com;Right;Org/Loop;yes;fi;left@example.com");

        var done = await ConfirmAndWaitAsync(ambassador, await UploadAsync(ambassador, file));

        Assert.Equal("Import finished: 5 added, 0 updated, 0 deactivated.", done.QuerySelector("#import-done")!.TextContent);
        var managers = (await factory.WithDbAsync(db => db.People.Where(p => p.Unit.NamePath.StartsWith("Org/"))
            .Select(p => new { p.Email, Manager = p.Manager == null ? null : p.Manager.Email }).ToListAsync()))
            .ToDictionary(p => p.Email, p => p.Manager);
        Assert.Equal("middle@example.com", managers["report@example.com"]);
        Assert.Equal("top@example.com", managers["middle@example.com"]);
        Assert.Null(managers["top@example.com"]);
        Assert.Equal("right@example.com", managers["left@example.com"]);
        Assert.Equal("left@example.com", managers["right@example.com"]);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "The file is empty." },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], "The file is not a text file." },
        { "missing column", Csv("email;name;unit;lead", "a@example.com;A;Org;no"), "Missing column(s): language." },
        { "wrong column", Csv(Header + ";salary", "a@example.com;A;Org;no;fi;;100"), "Unknown column \"salary\"." },
        { "invalid e-mail", Csv(Header, "ok@example.com;Ok;Org;no;fi;", "not-an-email;Bad;Org;no;fi;"), "\"not-an-email\" is not a valid e-mail address." },
        { "duplicate e-mail", Csv(Header, "dup@example.com;One;Org;no;fi;", "DUP@example.com;Two;Org;no;fi;"), "The e-mail address dup@example.com already appears on line 2." },
        { "unknown language", Csv(Header, "sv@example.com;Sven;Org;no;sv;"), "\"sv\" is not a supported language; use fi or en." },
        { "unknown manager", Csv(Header, "new@example.com;New;Org;no;fi;ghost@example.com"), "No person with the e-mail address ghost@example.com is in the file or the directory." },
        { "not UTF-8", Encoding.Latin1.GetBytes("email;name;unit;lead;language\nx@example.com;Jörö;Org;no;fi\n"), "The file is not UTF-8 text." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_rejected_with_a_clear_message_and_nothing_is_written(string why, byte[] content, string message)
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await CountsAsync();

        var page = await UploadAsync(ambassador, content, fileName: why + ".csv");

        var errors = page.QuerySelector(".import-errors")!;
        Assert.Contains("Nothing was saved.", errors.QuerySelector("h2")!.TextContent);
        Assert.Contains(errors.QuerySelectorAll("tbody td:last-child"), td => td.TextContent.StartsWith(message));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Row_errors_name_their_line_and_column()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var page = await UploadAsync(ambassador, Csv(Header, "a@example.com;A;Org;no;fi;", "b@example.com;B;Org;perhaps;fi;"));

        var cells = page.QuerySelectorAll(".import-errors tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3", "lead", "\"perhaps\" is not a lead value; use yes or no."], cells);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await CountsAsync();
        var big = new StringBuilder(Header + "\n");
        for (var i = 0; big.Length <= 2 * 1024 * 1024; i++)
        {
            big.Append($"person{i}@example.com;Person {i};Org/Team;no;fi;\n");
        }

        var page = await UploadAsync(ambassador, Encoding.UTF8.GetBytes(big.ToString()));

        Assert.Contains("the limit is 2,097,152 bytes", page.QuerySelector(".import-errors")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>Posts the upload form as a browser would, the file made as it is sent.</summary>
    internal static async Task<IHtmlDocument> UploadGeneratedAsync(PageSession session, GeneratedStream file)
    {
        var form = (await session.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var upload = new StreamContent(file);
        upload.Headers.ContentType = new("text/csv");
        upload.Headers.ContentLength = file.Length;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { upload, "Upload", "people.csv" } };
        using var response = await session.Client.PostAsync("/People/Import", content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return PageSession.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_file_of_one_endless_line_under_the_size_limit_is_refused_at_the_row_limit()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await CountsAsync();

        var page = await UploadGeneratedAsync(ambassador, GeneratedStream.Of("email;name;", 'x', 2 * 1024 * 1024 - 1024));

        Assert.StartsWith("The row starting on line 1 is longer than 16,384 bytes", page.QuerySelector("#Upload-error")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await CountsAsync();
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Csv(Header, "csrf@example.com;Csrf;Org;no;fi;")), "Upload", "people.csv" } };

        using var response = await ambassador.Client.PostAsync("/People/Import", content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task No_file_at_all_asks_for_one()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitFilesAsync(form, []);

        Assert.Contains("Choose a CSV file to import.", page.QuerySelector(".import-errors")!.TextContent);
    }

    [Fact]
    public async Task Discarding_a_preview_writes_nothing()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await CountsAsync();
        var preview = await UploadAsync(ambassador, Csv(Header, "temp@example.com;Temp;Org;no;fi;"));

        var page = await ambassador.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("main form.form-actions")!, submitterSelector: "button[formaction*='handler=Discard']");

        Assert.Equal("The import was discarded. Nothing was changed.", page.QuerySelector(".status")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }
}

/// <summary>An app that counts the bytes its upload page reads of each request body.</summary>
public sealed class BodyCountingAppFactory : AppFactory
{
    private long _read;

    public long UploadBytesRead => Interlocked.Read(ref _read);

    public BodyCountingAppFactory() => TestServices.Add(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new Counting(this)));

    private sealed class Counting(BodyCountingAppFactory factory) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/People/Import") && HttpMethods.IsPost(context.Request.Method))
                {
                    Interlocked.Exchange(ref factory._read, 0);
                    context.Request.Body = new CountingStream(context.Request.Body, read => Interlocked.Add(ref factory._read, read));
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            counted(read);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            counted(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public class ImportSizeLimitTests(BodyCountingAppFactory factory) : IClassFixture<BodyCountingAppFactory>
{
    [Fact]
    public async Task An_upload_far_over_the_limit_gets_the_message_beside_the_file_field_and_is_read_no_further_than_the_limit()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var people = await factory.WithDbAsync(db => db.People.CountAsync());

        var page = await ImportTests.UploadGeneratedAsync(ambassador, GeneratedStream.Of("email;name;unit;lead;language\n", 'x', 200L * 1024 * 1024));

        Assert.Equal("The file is too large: the limit is 2,097,152 bytes.", page.QuerySelector("#Upload-error")!.TextContent);
        Assert.Contains("Upload-error", page.QuerySelector("#Upload")!.GetAttribute("aria-describedby"));
        Assert.Contains("Nothing was saved.", page.QuerySelector(".import-errors h2")!.TextContent);
        Assert.InRange(factory.UploadBytesRead, 2 * 1024 * 1024, 3 * 1024 * 1024);
        Assert.Equal((people, 0), (await factory.WithDbAsync(db => db.People.CountAsync()), await factory.WithDbAsync(db => db.PeopleImports.CountAsync())));
    }
}

/// <summary>The export and the deactivating import change the directory a lot, so they get an app of their own.</summary>
public class ExportRoundTripTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_export_reimports_unchanged_and_a_full_export_deactivates_the_missing()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.FirstAsync(p => p.Email == DemoUsers.Member);
            person.Name = "=HYPERLINK(\"http://evil.example\")";
            await db.SaveChangesAsync();
        });

        using var response = await ambassador.Client.GetAsync("/People/Export");
        var export = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(export);
        Assert.StartsWith("\uFEFFemail,name,unit,lead,language,manager_email", text);
        Assert.Contains("'=HYPERLINK", text);
        var activePeople = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsActive));
        Assert.Equal(activePeople + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var form = (await ambassador.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;
        var preview = await ambassador.SubmitFilesAsync(form, new() { ["Upload"] = ("export.csv", export) }, new() { ["DeactivateMissing"] = "true" });
        Assert.Equal("0", preview.QuerySelector("#import-summary [data-count=added]")!.TextContent);
        Assert.Equal("0", preview.QuerySelector("#import-summary [data-count=updated]")!.TextContent);
        Assert.Equal("0", preview.QuerySelector("#import-summary [data-count=deactivated]")!.TextContent);

        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var withoutLastTwo = Encoding.UTF8.GetBytes(string.Join("\r\n", lines[..^2]));
        form = (await ambassador.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;
        var shrinking = await ambassador.SubmitFilesAsync(form, new() { ["Upload"] = ("shorter.csv", withoutLastTwo) }, new() { ["DeactivateMissing"] = "true" });
        Assert.Equal("2", shrinking.QuerySelector("#import-summary [data-count=deactivated]")!.TextContent);
        Assert.Equal(2, shrinking.QuerySelectorAll("#import-deactivated tbody tr").Length);
    }
}
