using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

public sealed record PeopleCsvExportRow(string Email, string Name, string UnitPath, bool IsLead, Language Language, string? ManagerEmail);

/// <summary>Writes people in the import format, so an export re-imports unchanged.</summary>
public static class PeopleCsvWriter
{
    public static Task WriteAsync(Stream stream, IAsyncEnumerable<PeopleCsvExportRow> people, char separator, CancellationToken cancellationToken) =>
        CsvTable.WriteAsync(stream, PeopleCsvFormat.All,
            people.Select(p => new[] { p.Email, p.Name, p.UnitPath, p.IsLead ? "yes" : "no", p.Language.ToCode(), p.ManagerEmail ?? "" }),
            separator, cancellationToken);
}
