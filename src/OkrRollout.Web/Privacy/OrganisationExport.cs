using System.Globalization;
using System.IO.Compression;
using System.Linq.Expressions;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;

namespace OkrRollout.Web.Privacy;

public sealed record ExportedFile(string Name, long Rows);

/// <summary>The zip in a temporary file that is deleted when <see cref="Content"/> is closed.</summary>
public sealed record OrganisationExportFile(Stream Content, string FileName, IReadOnlyList<ExportedFile> Files);

/// <summary>
/// Everything the organisation stored, for a customer who leaves: one CSV per kind of record in the
/// model (a kind added later is exported without a change here), a README of the columns, no secrets.
/// Rows stream from the database into a zip in a temporary file, so memory stays flat at any size.
/// </summary>
public sealed class OrganisationExport(AppDbContext db, TimeProvider clock)
{
    public const string ReadmeName = "README.md";

    /// <summary>What each kind of record is, for the README; a kind without one fails a test.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Descriptions = new Dictionary<Type, string>
    {
        [typeof(OrgUnit)] = "The organisation's units as a tree: company, divisions or functions, teams.",
        [typeof(Person)] = "The directory: everyone in the organisation, active or not, with their unit and manager.",
        [typeof(Programme)] = "Adoption programmes: the roll-out of OKRs, its why, sponsor and dates.",
        [typeof(Wave)] = "The ordered phases of a programme (pilot, waves, company-wide) with their plans and milestones.",
        [typeof(RolloutGroup)] = "Groups of people trained together inside a wave, with their facilitator.",
        [typeof(WaveMember)] = "Who is in which wave of a programme, and in which rollout group.",
        [typeof(ProgrammeRole)] = "The roll-out team: ambassadors, coaches, trainers, guild members and sponsors of a programme.",
        [typeof(AuditEntry)] = "The audit trail: who changed what and when.",
        [typeof(PeopleImport)] = "Directory imports from an HR export: when, by whom, and what they changed.",
        [typeof(UnitCoverage)] = "Which units a wave or programme covers.",
        [typeof(TrainingRequest)] = "Requests from teams for a team-level training session.",
        [typeof(OutboxMessage)] = "E-mails the app sent or is sending, with their outcome (older bodies are removed by retention).",
        [typeof(SignInLink)] = "Single-use sign-in links that were e-mailed on request (the token itself is left out).",
        [typeof(CalendarFeed)] = "People's calendar subscriptions to their training sessions (the secret address is left out).",
        [typeof(ScimToken)] = "Tokens an identity provider uses to keep the directory in sync over SCIM (the token itself is left out).",
        [typeof(ScimGroup)] = "Groups an identity provider sent over SCIM, and the role each grants.",
        [typeof(Cycle)] = "Annual OKR cycles.",
        [typeof(Period)] = "Execution periods of a cycle (3 to 4 months).",
        [typeof(Objective)] = "Objectives: title, why, owning unit, level, parent (alignment), period and state.",
        [typeof(KeyResult)] = "Key results of an objective: metric, start, target and current value, owner.",
        [typeof(KeyResultContributor)] = "People who contribute to a key result besides its owner.",
        [typeof(CheckIn)] = "Weekly check-ins on a key result: value, confidence (0-10) and note.",
        [typeof(Retro)] = "Retrospectives of a team at the end of a period.",
        [typeof(RetroScore)] = "The scores a retro gave to each key result.",
        [typeof(TrainingSession)] = "Training sessions: kind, language, place or link, start, duration, capacity.",
        [typeof(SessionTrainer)] = "Who trains at which session.",
        [typeof(Enrollment)] = "Who is invited to, registered for, waitlisted for, attended or missed which session.",
        [typeof(SessionFeedback)] = "Feedback participants gave on a session.",
        [typeof(AdoptionSnapshot)] = "Nightly adoption figures per unit and wave, for the trend charts.",
        [typeof(StageOverride)] = "Onboarding stages set by hand, with the reason (e.g. trained elsewhere).",
        [typeof(StageRollup)] = "Onboarding stages counted per unit and wave; derived from the other files and recomputed by the app.",
        [typeof(UnitActivityRollup)] = "Check-in activity per unit; derived from the other files and recomputed by the app.",
        [typeof(StageFactChange)] = "People whose onboarding facts changed and whose roll-ups wait to be recomputed.",
        [typeof(RollupState)] = "When the roll-ups were last recomputed.",
        [typeof(AppUser)] = "Sign-ins: one per person who can sign in, with when and how they last did.",
        [typeof(IdentityRole)] = "The app's roles (Admin, Ambassador, Leader).",
        [typeof(IdentityUserRole<string>)] = "Which sign-in has which role.",
        [typeof(IdentityUserClaim<string>)] = "Extra claims of a sign-in.",
        [typeof(IdentityRoleClaim<string>)] = "Extra claims of a role.",
        [typeof(IdentityUserLogin<string>)] = "Sign-ins through the organisation's identity provider: the provider and its id for the person.",
        [typeof(IdentityUserToken<string>)] = "Tokens the sign-in machinery keeps for a sign-in (the values are left out).",
    };

    /// <summary>Columns that would let someone sign in or forge a link; left out, and the README says so.</summary>
    private static readonly Dictionary<(Type Kind, string Column), string> SecretColumns = new()
    {
        [(typeof(AppUser), nameof(AppUser.PasswordHash))] = "a hash of the password; it would only help to guess the password",
        [(typeof(AppUser), nameof(AppUser.SecurityStamp))] = "the value that keeps sign-in cookies valid",
        [(typeof(IdentityUserToken<string>), nameof(IdentityUserToken<string>.Value))] = "a sign-in secret such as an authenticator key",
        [(typeof(SignInLink), nameof(SignInLink.TokenHash))] = "a hash of a sign-in link's token",
        [(typeof(ScimToken), nameof(ScimToken.TokenHash))] = "a hash of a directory-sync token",
        [(typeof(CalendarFeed), nameof(CalendarFeed.TokenHash))] = "a hash of a calendar address's token",
    };

    private static readonly Dictionary<Type, string> SecretKinds = new()
    {
        [typeof(DataProtectionKey)] = "the keys that protect the app's cookies and tokens; a new install makes its own",
    };

    /// <summary>The kinds of record in the model that are exported, in file-name order.</summary>
    public static IReadOnlyList<IEntityType> ExportedKinds(IModel model) =>
        model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.BaseType is null && !SecretKinds.ContainsKey(t.ClrType))
            .OrderBy(FileName, StringComparer.Ordinal)
            .ToList();

    /// <summary>people.csv for table People, user_roles.csv for AspNetUserRoles.</summary>
    public static string FileName(IEntityType kind)
    {
        var table = kind.GetTableName()!;
        if (table.StartsWith("AspNet", StringComparison.Ordinal))
        {
            table = table["AspNet".Length..];
        }
        var name = new StringBuilder();
        foreach (var c in table)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToLowerInvariant(c));
        }
        return name + ".csv";
    }

    /// <summary>The columns of a kind that are exported: its scalar properties (no navigations), secrets left out.</summary>
    public static IReadOnlyList<IProperty> Columns(IEntityType kind) =>
        kind.GetProperties().Where(p => !SecretColumns.ContainsKey((kind.ClrType, p.Name))).ToList();

    public async Task<OrganisationExportFile> CreateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var path = Path.Combine(Path.GetTempPath(), $"okrrollout-export-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var files = new List<ExportedFile>();
            var kinds = ExportedKinds(db.Model);
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
            {
                foreach (var kind in kinds)
                {
                    var rows = await WriteKindAsync(zip, kind, cancellationToken);
                    files.Add(new ExportedFile(FileName(kind), rows));
                }
                var readme = zip.CreateEntry(ReadmeName, CompressionLevel.Optimal);
                await using var readmeStream = await readme.OpenAsync(cancellationToken);
                await using var writer = new StreamWriter(readmeStream, new UTF8Encoding(false));
                await writer.WriteAsync(Readme(kinds, files, now));
            }
            file.Position = 0;
            return new OrganisationExportFile(file, $"okrrollout-export-{now:yyyy-MM-dd}.zip", files);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private async Task<long> WriteKindAsync(ZipArchive zip, IEntityType kind, CancellationToken cancellationToken)
    {
        var columns = Columns(kind);
        var entry = zip.CreateEntry(FileName(kind), CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        long count = 0;
        var rows = RowsOf(kind, columns).Select(values =>
        {
            count++;
            return values.Select(Format).ToArray();
        });
        var guarded = columns.Select(c => c.ClrType == typeof(string)).ToList();
        await CsvTable.WriteAsync(stream, columns.Select(c => c.GetColumnName()).ToList(), rows, ',', guarded, cancellationToken);
        return count;
    }

    /// <summary>The rows of a kind in key order, as the model's values (value converters applied), read as they stream.</summary>
    private IAsyncEnumerable<object?[]> RowsOf(IEntityType kind, IReadOnlyList<IProperty> columns) =>
        (IAsyncEnumerable<object?[]>)typeof(OrganisationExport).GetMethod(nameof(RowsOfKind), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(kind.ClrType)
            .Invoke(this, [kind, columns])!;

    private IAsyncEnumerable<object?[]> RowsOfKind<TEntity>(IEntityType kind, IReadOnlyList<IProperty> columns)
        where TEntity : class
    {
        IQueryable<TEntity> query = db.Set<TEntity>().AsNoTracking();
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var first = true;
        foreach (var key in kind.FindPrimaryKey()?.Properties ?? [])
        {
            var order = Expression.Call(typeof(Queryable), first ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(TEntity), key.ClrType],
                query.Expression, Expression.Quote(Expression.Lambda(Column(entity, key), entity)));
            query = query.Provider.CreateQuery<TEntity>(order);
            first = false;
        }
        var values = Expression.NewArrayInit(typeof(object), columns.Select(c => Expression.Convert(Column(entity, c), typeof(object))));
        return query.Select(Expression.Lambda<Func<TEntity, object?[]>>(values, entity)).AsAsyncEnumerable();
    }

    private static MethodCallExpression Column(ParameterExpression entity, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], entity, Expression.Constant(property.Name));

    /// <summary>ISO 8601 in UTC, invariant numbers, enums by name, true/false; empty for no value.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        Enum choice => choice.ToString(),
        Guid id => id.ToString("D"),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private string Readme(IReadOnlyList<IEntityType> kinds, IReadOnlyList<ExportedFile> files, DateTime madeAtUtc)
    {
        var text = new StringBuilder();
        text.AppendLine("# OkrRollout: the organisation's data");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Everything OkrRollout stored for the organisation, exported {Format(madeAtUtc)} (UTC).");
        text.AppendLine("Each kind of record is one CSV file; this file describes their columns.");
        text.AppendLine();
        text.AppendLine("## How the files are written");
        text.AppendLine();
        text.AppendLine("- UTF-8 with a byte-order mark (so spreadsheets show Finnish letters right), comma-separated, lines ending in CRLF.");
        text.AppendLine("- The first row names the columns. A field holding a comma, a double quote or a line break is in double quotes, and a double quote in it is doubled (RFC 4180).");
        text.AppendLine("- Dates and times are ISO 8601 in UTC, e.g. 2026-03-02T09:30:00Z; dates alone are yyyy-MM-dd.");
        text.AppendLine("- Numbers have a dot for decimals and no thousands separator; yes/no is true/false; a choice is written by its name.");
        text.AppendLine("- An empty field is no value.");
        text.AppendLine("- Text that starts with =, +, -, @, a tab or a carriage return has an apostrophe in front, so that a spreadsheet does not run it as a formula: remove that one apostrophe to get the text as stored.");
        text.AppendLine("- Rows are in the order of their id. Where a column refers to a row of another file, its meaning below names that file.");
        text.AppendLine();
        text.AppendLine("## Left out");
        text.AppendLine();
        text.AppendLine("Secrets only: they would let someone sign in or forge a link, and are of no use outside this installation.");
        text.AppendLine();
        foreach (var (kindType, reason) in SecretKinds)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- The whole table {db.Model.FindEntityType(kindType)?.GetTableName()}: {reason}.");
        }
        foreach (var ((kindType, column), reason) in SecretColumns)
        {
            if (db.Model.FindEntityType(kindType) is { } kind)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {FileName(kind)}, column {column}: {reason}.");
            }
        }
        text.AppendLine();
        text.AppendLine("## Files");
        foreach (var (kind, file) in kinds.Zip(files))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {file.Name} ({file.Rows} {(file.Rows == 1 ? "row" : "rows")})");
            text.AppendLine();
            text.AppendLine(Descriptions.GetValueOrDefault(kind.ClrType, "(no description)"));
            text.AppendLine();
            text.AppendLine("| column | type | meaning |");
            text.AppendLine("| --- | --- | --- |");
            foreach (var column in Columns(kind))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {column.GetColumnName()} | {TypeOf(column)} | {MeaningOf(column)} |");
            }
        }
        return text.ToString();
    }

    private static string TypeOf(IProperty column)
    {
        var type = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
        var name = type switch
        {
            _ when type == typeof(string) => column.GetMaxLength() is { } max ? $"text (at most {max} characters)" : "text",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "number",
            _ when type == typeof(bool) => "true/false",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "date and time (UTC)",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(TimeOnly) => "time of day",
            _ when type == typeof(Guid) => "GUID",
            _ when type == typeof(byte[]) => "bytes (Base64)",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ => type.Name,
        };
        return column.IsNullable ? name + ", may be empty" : name;
    }

    private static string MeaningOf(IProperty column)
    {
        var meaning = new List<string>();
        if (column.IsPrimaryKey())
        {
            meaning.Add("identifies the row");
        }
        foreach (var key in column.GetContainingForeignKeys())
        {
            var target = key.PrincipalEntityType;
            meaning.Add(target.GetTableName() is not null && !SecretKinds.ContainsKey(target.ClrType)
                ? $"refers to {FileName(target)} ({string.Join(", ", key.PrincipalKey.Properties.Select(p => p.GetColumnName()))})"
                : $"refers to {target.ClrType.Name}");
        }
        return string.Join("; ", meaning);
    }
}
