using CsvHelper;

namespace OkrRollout.Web.Import;

/// <summary>Writes any table as CSV (UTF-8 with BOM for spreadsheets), every value through the formula guard.</summary>
public static class CsvTable
{
    public static Task WriteAsync(Stream stream, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, char separator, CancellationToken cancellationToken) =>
        WriteAsync(stream, header, rows, separator, guarded: null, cancellationToken);

    /// <summary>
    /// <paramref name="guarded"/> says which columns go through the formula guard (null: all): a column of
    /// numbers can leave it out, so that a negative number stays a number.
    /// </summary>
    public static async Task WriteAsync(Stream stream, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, char separator, IReadOnlyList<bool>? guarded, CancellationToken cancellationToken)
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
            for (var i = 0; i < row.Length; i++)
            {
                csv.WriteField(guarded is null || guarded[i] ? CsvFormulaGuard.Neutralise(row[i]) : row[i]);
            }
            await csv.EndRecordAsync(cancellationToken);
        }
    }
}
