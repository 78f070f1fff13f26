namespace OkrRollout.Web.Import;

/// <summary>
/// Spreadsheets execute a cell that starts with = + - @ (or a tab / carriage return) as a formula.
/// Export prefixes such values with an apostrophe; import removes exactly that prefix again, so an
/// export re-imports unchanged.
/// </summary>
public static class CsvFormulaGuard
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralise(string value) =>
        value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0 ? "'" + value : value;

    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && Array.IndexOf(FormulaStarts, value[1]) >= 0 ? value[1..] : value;
}
