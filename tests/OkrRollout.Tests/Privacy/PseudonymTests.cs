using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Import;
using OkrRollout.Web.Privacy;

namespace OkrRollout.Tests.Privacy;

/// <summary>The pseudonymisation rule, and erasure on a database of its own without the web layer.</summary>
public sealed class PseudonymTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@example.com")], "test"));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "okrrollout-pseudonym-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _database;
    private AppDbContext _db = null!;

    public PseudonymTests()
    {
        _database = new TestDatabase(_directory);
    }

    public async Task InitializeAsync()
    {
        _db = _database.CreateContext();
        await _db.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _database.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static PeopleCsvFile Csv(params string[] rows) =>
        PeopleCsvReader.Read(Encoding.UTF8.GetBytes(string.Join("\n", ["email,name,unit,lead,language,manager_email", .. rows])), long.MaxValue);

    private async Task<int> ImportAndDeactivateAsync(string email, string name, DateTime deactivatedAtUtc)
    {
        await new PeopleImporter(_db).ApplyAsync(Csv($"{email},{name},Org/Team,no,fi,"), false, "test", null, CancellationToken.None);
        var person = await _db.People.SingleAsync(p => p.Email == email);
        person.IsActive = false;
        person.DeactivatedAtUtc = deactivatedAtUtc;
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        return person.Id;
    }

    [Fact]
    public void The_pseudonym_names_the_person_by_their_number_only_in_words_of_no_language()
    {
        var pseudonym = PersonErasure.Pseudonym(123);

        Assert.Equal("Person #123 (erased)", pseudonym.Name);
        Assert.Equal("erased-123@erased.invalid", pseudonym.Email);
    }

    [Fact]
    public void Every_person_gets_a_pseudonym_of_their_own()
    {
        var pseudonyms = Enumerable.Range(1, 10_000).Select(PersonErasure.Pseudonym).ToList();

        Assert.Equal(pseudonyms.Count, pseudonyms.Select(p => p.Email).Distinct().Count());
        Assert.Equal(pseudonyms.Count, pseudonyms.Select(p => p.Name).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(98765)]
    public void A_pseudonym_address_is_well_formed_but_can_never_be_a_real_one(int personId)
    {
        var email = PersonErasure.Pseudonym(personId).Email;

        Assert.True(MimeKit.MailboxAddress.TryParse(email, out _), "it fits where an address goes");
        // RFC 2606 reserves .invalid: no mailbox under it exists or ever will.
        Assert.EndsWith(".invalid", email, StringComparison.Ordinal);
        Assert.Equal(email, OkrRollout.Web.Domain.Person.NormaliseEmail(email));
        Assert.True(PersonErasure.IsPseudonym(email));
        Assert.False(PersonErasure.IsPseudonym("erased-1@example.com"));
        Assert.False(PersonErasure.IsPseudonym("anna@erased.invalid.example.com"));
    }

    [Fact]
    public async Task Importing_the_erased_address_again_makes_a_new_person()
    {
        var id = await ImportAndDeactivateAsync("leaver@example.com", "Lea Leaver", DateTime.UtcNow.AddDays(-1));

        Assert.Null(await new PersonErasure(_db, new PrivacyOptions()).EraseAsync(id, Admin, CancellationToken.None));
        _db.ChangeTracker.Clear();
        var plan = await new PeopleImporter(_db).ApplyAsync(Csv("leaver@example.com,Lea Leaver,Org/Team,no,fi,"), false, "test", null, CancellationToken.None);

        Assert.Single(plan.Added);
        var people = await _db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        Assert.Equal([("erased-" + id + "@erased.invalid", false), ("leaver@example.com", true)], people.Select(p => (p.Email, p.IsActive)));
        Assert.NotEqual(id, people[1].Id);
        Assert.NotNull(people[0].ErasedAtUtc);
    }

    [Fact]
    public async Task An_active_person_or_one_erased_already_is_refused()
    {
        await new PeopleImporter(_db).ApplyAsync(Csv("stays@example.com,Stays,Org/Team,no,en,"), false, "test", null, CancellationToken.None);
        var active = await _db.People.Where(p => p.Email == "stays@example.com").Select(p => p.Id).SingleAsync();
        var left = await ImportAndDeactivateAsync("left@example.com", "Left", DateTime.UtcNow.AddDays(-1));
        var erasure = new PersonErasure(_db, new PrivacyOptions());

        Assert.Equal(PersonErasure.StillActive, await erasure.EraseAsync(active, Admin, CancellationToken.None));
        Assert.Null(await erasure.EraseAsync(left, Admin, CancellationToken.None));
        Assert.Equal(PersonErasure.AlreadyErased, await erasure.EraseAsync(left, Admin, CancellationToken.None));
        Assert.Equal("stays@example.com", await _db.People.Where(p => p.Id == active).Select(p => p.Email).SingleAsync());
        Assert.Equal(1, await _db.AuditEntries.CountAsync(a => a.Action == "person.erased"));
    }

    [Fact]
    public async Task The_nightly_erasure_takes_those_deactivated_longer_ago_than_the_setting_and_only_when_it_is_on()
    {
        var now = DateTime.UtcNow;
        var due = await ImportAndDeactivateAsync("long-gone@example.com", "Long Gone", now.AddDays(-31));
        var recent = await ImportAndDeactivateAsync("just-left@example.com", "Just Left", now.AddDays(-29));

        Assert.Equal(0, await new PersonErasure(_db, new PrivacyOptions { ErasureAfterDays = 30, AutomaticErasure = false }).EraseDueAsync(CancellationToken.None));
        Assert.Equal(0, await new PersonErasure(_db, new PrivacyOptions { ErasureAfterDays = 0 }).EraseDueAsync(CancellationToken.None));
        Assert.Equal(1, await new PersonErasure(_db, new PrivacyOptions { ErasureAfterDays = 30 }).EraseDueAsync(CancellationToken.None));

        var people = await _db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.Equal(PersonErasure.Pseudonym(due).Email, people[due].Email);
        Assert.Equal("just-left@example.com", people[recent].Email);
        var entry = await _db.AuditEntries.SingleAsync(a => a.Action == "person.erased");
        Assert.Equal(("system", due, ""), (entry.Actor, entry.AffectedPersonId, entry.Details));
    }
}
