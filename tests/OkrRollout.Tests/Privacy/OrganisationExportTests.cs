using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Privacy;

namespace OkrRollout.Tests.Privacy;

public class OrganisationExportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>What an Admin gets from /Admin → Export → the download button: every entry of the zip by name.</summary>
    private async Task<Dictionary<string, byte[]>> DownloadAsync(PageSession admin)
    {
        var hub = await admin.GetAsync("/Admin");
        var page = await admin.GetAsync(hub.QuerySelector<IHtmlAnchorElement>("a[href='/Admin/Export']")!.PathName);
        var form = page.QuerySelector<IHtmlFormElement>("#export-form")!;
        Assert.Equal("post", form.Method, ignoreCase: true);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value,
        };
        using var response = await admin.Client.PostAsync(new Uri(new Uri(page.Url), form.GetAttribute("action") ?? ""), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^okrrollout-export-\d{4}-\d{2}-\d{2}\.zip$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            entries.Add(entry.FullName, bytes.ToArray());
        }
        return entries;
    }

    private static IEnumerable<KeyValuePair<string, byte[]>> CsvFiles(Dictionary<string, byte[]> entries) =>
        entries.Where(e => e.Key.EndsWith(".csv", StringComparison.Ordinal));

    [Fact]
    public async Task Every_kind_of_record_comes_back_with_as_many_rows_as_the_database_holds()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var expected = await factory.WithDbAsync(async db =>
        {
            var counts = new Dictionary<string, long>();
            foreach (var kind in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetTableName() != "DataProtectionKeys"))
            {
                // The table name comes from the model, not from a user.
                var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + kind.GetTableName() + "\"";
                counts[OrganisationExport.FileName(kind)] = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
            }
            return counts;
        });

        var entries = await DownloadAsync(admin);

        Assert.Equal(expected.Keys.Order(), CsvFiles(entries).Select(e => e.Key).Order());
        Assert.Contains("people.csv", entries.Keys);
        Assert.Contains("waves.csv", entries.Keys);
        foreach (var (name, bytes) in CsvFiles(entries))
        {
            Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{name} is not marked UTF-8");
            var rows = Rfc4180.Read(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[Encoding.UTF8.Preamble.Length..]));
            var header = rows[0];
            Assert.All(rows, row => Assert.Equal(header.Length, row.Length));
            Assert.True(expected[name] == rows.Count - 1, $"{name}: {rows.Count - 1} rows, the database has {expected[name]}");
        }
        Assert.True(expected["people.csv"] > 50, "the demo organisation has its people");
    }

    [Fact]
    public async Task The_readme_describes_every_file_and_column_and_the_formats()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var entries = await DownloadAsync(admin);

        var readme = Encoding.UTF8.GetString(entries[OrganisationExport.ReadmeName]);
        Assert.Contains("UTC", readme);
        Assert.Contains("ISO 8601", readme);
        Assert.Contains(factory.NowUtc.ToString("yyyy-MM-dd"), readme);
        Assert.DoesNotContain("(no description)", readme);
        foreach (var (name, bytes) in CsvFiles(entries))
        {
            Assert.Contains($"### {name} (", readme);
            var section = readme[readme.IndexOf($"### {name} (", StringComparison.Ordinal)..];
            section = section[..(section.IndexOf("\n### ", 1, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
            foreach (var column in Rfc4180.Read(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'))[0])
            {
                Assert.True(section.Contains($"| {column} |", StringComparison.Ordinal), $"{name}: column {column} is not described");
            }
        }
        Assert.Contains("| Email | text (at most 254 characters) |", readme);
        Assert.Contains("refers to org_units.csv (Id)", readme);
        Assert.Contains("PasswordHash", readme[readme.IndexOf("## Left out", StringComparison.Ordinal)..readme.IndexOf("## Files", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Every_kind_of_record_in_the_model_is_exported_and_described()
    {
        var (kinds, missing, notExported) = await factory.WithDbAsync(db =>
        {
            var exported = OrganisationExport.ExportedKinds(db.Model);
            return Task.FromResult((
                exported.Count,
                exported.Where(k => !OrganisationExport.Descriptions.ContainsKey(k.ClrType)).Select(k => k.ClrType.Name).ToList(),
                db.Model.GetEntityTypes().Except(exported).Select(k => k.GetTableName()).ToList()));
        });

        Assert.True(kinds > 30);
        Assert.Empty(missing);
        Assert.Equal(["DataProtectionKeys"], notExported);
    }

    [Fact]
    public async Task Text_with_commas_quotes_line_breaks_and_finnish_letters_survives_and_numbers_stay_numbers()
    {
        const string name = "Mäkelä, Sööpi \"Söpö\"\nrivi kaksi, öinen";
        var (personId, keyResultId) = await factory.WithDbAsync(async db =>
        {
            var person = await db.People.OrderBy(p => p.Id).Skip(10).FirstAsync();
            person.Name = name;
            var keyResult = await db.KeyResults.OrderBy(k => k.Id).FirstAsync();
            keyResult.StartValue = -2.5;
            await db.SaveChangesAsync();
            return (person.Id, keyResult.Id);
        });
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var entries = await DownloadAsync(admin);

        var people = Rfc4180.Read(Encoding.UTF8.GetString(entries["people.csv"]).TrimStart('\uFEFF'));
        var person = people.Single(r => r[Array.IndexOf(people[0], "Id")] == personId.ToString());
        Assert.Equal(name, person[Array.IndexOf(people[0], "Name")]);
        var keyResults = Rfc4180.Read(Encoding.UTF8.GetString(entries["key_results.csv"]).TrimStart('\uFEFF'));
        var keyResult = keyResults.Single(r => r[Array.IndexOf(keyResults[0], "Id")] == keyResultId.ToString());
        Assert.Equal("-2.5", keyResult[Array.IndexOf(keyResults[0], "StartValue")]);
        Assert.Contains(keyResult[Array.IndexOf(keyResults[0], "Metric")], Enum.GetNames<KeyResultMetric>());
        var audit = Rfc4180.Read(Encoding.UTF8.GetString(entries["audit_entries.csv"]).TrimStart('\uFEFF'));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", audit[1][Array.IndexOf(audit[0], "AtUtc")]);
    }

    [Fact]
    public async Task No_password_hash_or_token_hash_or_key_is_in_the_zip()
    {
        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => !db.CalendarFeeds.Any(f => f.PersonId == p.Id)).OrderBy(p => p.Id).FirstAsync();
            db.SignInLinks.Add(new SignInLink { TokenHash = "link-hash-7f3a9c", PersonId = person.Id, CreatedAtUtc = factory.NowUtc, ExpiresAtUtc = factory.NowUtc.AddMinutes(15) });
            db.CalendarFeeds.Add(new CalendarFeed { TokenHash = "feed-hash-2b8e41", PersonId = person.Id, CreatedAtUtc = factory.NowUtc });
            db.ScimTokens.Add(new ScimToken { Name = "Export test", TokenHash = "scim-hash-91d0c5", CreatedBy = DemoUsers.Admin, CreatedAtUtc = factory.NowUtc });
            await db.SaveChangesAsync();
        });
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var secrets = await factory.WithDbAsync(async db =>
        {
            var users = await db.Users.Select(u => new { u.PasswordHash, u.SecurityStamp }).ToListAsync();
            return users.SelectMany(u => new[] { u.PasswordHash, u.SecurityStamp }).OfType<string>().ToList();
        });
        Assert.Contains(secrets, s => s.Length > 20);

        var entries = await DownloadAsync(admin);

        var everything = string.Join("\n", entries.Values.Select(v => Encoding.UTF8.GetString(v)));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything));
        Assert.DoesNotContain("link-hash-7f3a9c", everything);
        Assert.DoesNotContain("feed-hash-2b8e41", everything);
        Assert.DoesNotContain("scim-hash-91d0c5", everything);
        Assert.DoesNotContain("masterKey", everything);
        Assert.DoesNotContain(entries.Keys, k => k.Contains("protection", StringComparison.Ordinal));
        Assert.Contains("Export test", Encoding.UTF8.GetString(entries["scim_tokens.csv"]));
        var users = Rfc4180.Read(Encoding.UTF8.GetString(entries["users.csv"]).TrimStart('\uFEFF'));
        Assert.DoesNotContain("PasswordHash", users[0]);
        Assert.DoesNotContain("SecurityStamp", users[0]);
        Assert.Contains("Email", users[0]);
    }

    [Fact]
    public async Task The_download_is_audited_with_files_and_counts_and_no_personal_data()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organisation.exported"));

        var entries = await DownloadAsync(admin);

        // The zip was made in a temporary file, deleted once it was sent.
        for (var wait = 0; wait < 20 && Directory.GetFiles(Path.GetTempPath(), "okrrollout-export-*.zip").Length > 0; wait++)
        {
            await Task.Delay(100);
        }
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "okrrollout-export-*.zip"));
        var entry = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "organisation.exported").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organisation.exported")));
        Assert.Equal(DemoUsers.Admin, entry.Actor);
        Assert.Equal(factory.NowUtc, entry.AtUtc);
        var people = Rfc4180.Read(Encoding.UTF8.GetString(entries["people.csv"]).TrimStart('\uFEFF')).Count - 1;
        Assert.Contains($"people.csv {people}", entry.Details);
        Assert.All(CsvFiles(entries), e => Assert.Contains(e.Key, entry.Details));
        Assert.DoesNotContain("@", entry.Details);
    }

    [Theory]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Member))]
    public async Task Only_an_admin_opens_the_page_or_downloads(string role)
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.EmailOf(role));
        var token = PageSession.HtmxAntiforgeryToken(await session.GetAsync("/"));
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organisation.exported"));

        using var page = await session.Client.GetAsync("/Admin/Export");
        using var download = await session.Client.PostAsync("/Admin/Export",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/Account/AccessDenied", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/Account/AccessDenied", download.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotEqual("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organisation.exported")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        using var response = await admin.Client.PostAsync("/Admin/Export", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>A reader of RFC 4180 of our own, so the export is checked by a parser that did not write it.</summary>
    private static class Rfc4180
    {
        public static List<string[]> Read(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"' && field.Length == 0)
                {
                    i++;
                    while (true)
                    {
                        Assert.True(i < text.Length, "a quoted field does not end");
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        field.Append(text[i++]);
                    }
                    Assert.True(i == text.Length || text[i] == ',' || text[i] == '\r', $"text after a closing quote at {i}");
                }
                else if (text[i] == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                    i++;
                }
                else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    i += 2;
                }
                else
                {
                    Assert.False(text[i] is '"' or '\n' or '\r', $"an unquoted {(int)text[i]} at {i}");
                    field.Append(text[i++]);
                }
            }
            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }
            return rows;
        }
    }
}
