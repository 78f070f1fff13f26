using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Scim;

/// <summary>The bearer tokens of directory sync: random, shown once, stored as a SHA-256 hash, revocable.</summary>
public class ScimTokens(AppDbContext db, TimeProvider clock)
{
    /// <summary>Recorded at most this often per token, so provisioning does not write a row per request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string Prefix = "okrscim_";

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Makes a token; the value returned is the only time anyone sees it.</summary>
    public async Task<(ScimToken Token, string Value)> CreateAsync(string name, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var value = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ScimToken { Name = name.Trim(), TokenHash = Hash(value), CreatedBy = actor.Identity?.Name ?? "", CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.ScimTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(actor, "scim.token-created", nameof(ScimToken), token.Id, token.Name);
        await db.SaveChangesAsync(cancellationToken);
        return (token, value);
    }

    public async Task<bool> RevokeAsync(int id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var token = await db.ScimTokens.SingleOrDefaultAsync(t => t.Id == id && t.RevokedAtUtc == null, cancellationToken);
        if (token is null)
        {
            return false;
        }
        token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.Audit(actor, "scim.token-revoked", nameof(ScimToken), token.Id, token.Name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The token a request presents, when it is one that is not revoked; notes when it was used.</summary>
    public async Task<ScimToken?> FindUsableAsync(string value, CancellationToken cancellationToken)
    {
        var hash = Hash(value);
        var token = await db.ScimTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is not null && (token.LastUsedAtUtc is not { } last || now - last >= LastUsedResolution))
        {
            token.LastUsedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token;
    }

    public Task<List<ScimToken>> ListAsync(CancellationToken cancellationToken) =>
        db.ScimTokens.AsNoTracking().OrderBy(t => t.RevokedAtUtc != null).ThenByDescending(t => t.CreatedAtUtc).ToListAsync(cancellationToken);
}
