using System.Text;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>Just enough MIME reading for tests: the decoded body of the first part of a given type.</summary>
public static class Mime
{
    public static string BodyOf(string eml, string contentType)
    {
        var lines = eml.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Content-Type: " + contentType, StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            throw new InvalidOperationException($"no {contentType} part");
        }
        var headerEnd = Array.FindIndex(lines, start, l => l.Length == 0);
        var encoding = lines[start..headerEnd].FirstOrDefault(l => l.StartsWith("Content-Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))?.Split(':')[1].Trim().ToLowerInvariant();
        var body = lines.Skip(headerEnd + 1).TakeWhile(l => !l.StartsWith("--")).ToList();
        return encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body))),
            "quoted-printable" => QuotedPrintable(string.Join("\n", body)),
            _ => string.Join("\n", body),
        };
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var unfolded = text.Replace("=\n", "");
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
