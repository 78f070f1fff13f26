using CsvHelper;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

public sealed record PeopleCsvExportRow(string Email, string Name, string UnitPath, bool IsLead, Language Language, string? ManagerEmail);

/// <summary>Writes people in the import format, so an export re-imports unchanged.</summary>
public static class PeopleCsvWriter
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<PeopleCsvExportRow> people, char separator, CancellationToken cancellationToken)
    {
        // The formula guard below is ours, so that import can undo exactly what export did.
        var options = new CsvWriterOptions { Separator = separator, WriteByteOrderMark = true, Injection = CsvInjection.None };
        await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        foreach (var column in PeopleCsvFormat.All)
        {
            csv.WriteField(column);
        }
        await csv.EndRecordAsync(cancellationToken);
        await foreach (var person in people.WithCancellation(cancellationToken))
        {
            csv.WriteField(CsvFormulaGuard.Neutralise(person.Email));
            csv.WriteField(CsvFormulaGuard.Neutralise(person.Name));
            csv.WriteField(CsvFormulaGuard.Neutralise(person.UnitPath));
            csv.WriteField(person.IsLead ? "yes" : "no");
            csv.WriteField(person.Language.ToCode());
            csv.WriteField(CsvFormulaGuard.Neutralise(person.ManagerEmail ?? ""));
            await csv.EndRecordAsync(cancellationToken);
        }
    }
}
