using CsvHelper;

namespace OkrRollout.Web.Import;

/// <summary>Writes any table as CSV (UTF-8 with BOM for spreadsheets), every value through the formula guard.</summary>
public static class CsvTable
{
    public static async Task WriteAsync(Stream stream, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, char separator, CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions { Separator = separator, WriteByteOrderMark = true, Injection = CsvInjection.None };
        await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        foreach (var column in header)
        {
            csv.WriteField(column);
        }
        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var value in row)
            {
                csv.WriteField(CsvFormulaGuard.Neutralise(value));
            }
            await csv.EndRecordAsync(cancellationToken);
        }
    }
}
