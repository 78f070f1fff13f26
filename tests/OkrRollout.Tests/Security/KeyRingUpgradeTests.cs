using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OkrRollout.Tests.Security;

/// <summary>
/// The key ring of an install from before PersistKeysToDbContext, when the app kept keys with a
/// repository of its own: one row per key in DataProtectionKeys, FriendlyName and the key's XML
/// on one line. After the upgrade the app reads that ring: what it protected still unprotects,
/// and it goes on with the same key instead of starting a new one.
/// </summary>
public sealed class KeyRingUpgradeTests : IDisposable
{
    private const string Purpose = "OkrRollout.Tests.KeyRingUpgrade";
    private readonly TwoInstances _instances = new();
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "okrrollout-tests", "old-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_key_ring_stored_by_the_old_repository_still_unprotects_after_the_upgrade()
    {
        // The old install: a key made by the data-protection system under the app's name and clock,
        // and a payload protected with it (as a sign-in cookie or sign-in link was).
        var before = new ServiceCollection()
            .AddSingleton<TimeProvider>(_instances.First.Clock)
            .AddDataProtection().SetApplicationName("OkrRollout").PersistKeysToFileSystem(new DirectoryInfo(_keyDirectory)).Services
            .BuildServiceProvider();
        string protectedBefore;
        using (before)
        {
            protectedBefore = before.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("made before the upgrade");
        }
        var keyFile = Assert.Single(Directory.GetFiles(_keyDirectory, "*.xml"));

        // Its database, with the ring stored row by row the way the old repository wrote it.
        await _instances.First.WithDbAsync(async db =>
        {
            var friendlyName = Path.GetFileNameWithoutExtension(keyFile);
            var xml = XElement.Load(keyFile).ToString(SaveOptions.DisableFormatting);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "DataProtectionKeys" """);
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ({friendlyName}, {xml})""");
        });

        // The upgraded app starting on that database.
        var after = _instances.Second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        Assert.Equal("made before the upgrade", after.Unprotect(protectedBefore));
        var protectedAfter = after.Protect("made after the upgrade");
        var keys = await _instances.Second.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.Equal(Path.GetFileNameWithoutExtension(keyFile), Assert.Single(keys).FriendlyName);
        Assert.Equal("made after the upgrade", after.Unprotect(protectedAfter));
    }

    public void Dispose()
    {
        _instances.Dispose();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}
