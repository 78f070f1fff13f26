using System.Text;
using MimeKit;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>Reading the e-mails the tests receive, with MimeKit's parser.</summary>
public static class Mime
{
    public static MimeMessage Parse(string eml) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(eml)));

    /// <summary>The decoded body of the first part of a given type.</summary>
    public static string BodyOf(string eml, string contentType)
    {
        var part = Parse(eml).BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentType.MimeType.Equals(contentType, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no {contentType} part");
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        return Encoding.UTF8.GetString(decoded.ToArray());
    }
}
