using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Localization;

namespace OkrRollout.Web.Scim;

/// <summary>
/// The directory as SCIM Users. Every change goes through the people import's rules
/// (<see cref="PeopleImporter.ApplyOneAsync"/>), the same checks and messages as a row of an HR export,
/// in one transaction: a request that is refused writes nothing.
/// </summary>
public class ScimUsers(AppDbContext db, PeopleImporter importer, ScimOptions options, IStringLocalizer<SharedResource> localizer)
{
    public async Task<(IReadOnlyList<ScimPerson> People, int Total)> ListAsync(ScimFilter? filter, int startIndex, int count, CancellationToken cancellationToken)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var people = count == 0 ? [] : await Project(query.OrderBy(p => p.Id).Skip(startIndex - 1).Take(count)).ToListAsync(cancellationToken);
        return (people, total);
    }

    public Task<ScimPerson?> FindAsync(int id, CancellationToken cancellationToken) =>
        Project(db.People.Where(p => p.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A new person; an address already in the directory is a uniqueness conflict (the provider then finds them by filter).</summary>
    public async Task<ScimPerson> CreateAsync(ScimUser user, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = Person.NormaliseEmail(user.UserName);
        if (await db.People.AnyAsync(p => p.Email == email, cancellationToken))
        {
            throw Conflict(email);
        }
        var person = await SaveAsync(existing: null, user, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return person;
    }

    /// <summary>Replaces what the directory keeps of a person (PUT, and PATCH after its operations).</summary>
    public async Task<ScimPerson> ReplaceAsync(int id, Func<ScimUser, ScimUser> change, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await FindAsync(id, cancellationToken) ?? throw NotFound(id);
        var user = change(FromPerson(current));
        var person = await SaveAsync(current, user, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return person;
    }

    public static ScimUser FromPerson(ScimPerson person) => new()
    {
        ExternalId = person.ExternalId,
        UserName = person.Email,
        DisplayName = person.Name,
        PreferredLanguage = person.Language,
        Active = person.IsActive,
        Department = person.UnitPath,
        ManagerId = person.ManagerId?.ToString(CultureInfo.InvariantCulture),
    };

    public static ScimException NotFound(int id) => ScimException.NotFound($"No user with the id {id}.");

    private ScimException Conflict(string email) =>
        new(HttpStatusCode.Conflict, "uniqueness", localizer["Someone in the directory already has the e-mail address {0}.", email].Value);

    private async Task<ScimPerson> SaveAsync(ScimPerson? existing, ScimUser user, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var email = Person.NormaliseEmail(user.UserName);
        if (existing is not null && email != existing.Email)
        {
            await ChangeAddressAsync(existing, email, actor, cancellationToken);
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PeopleCsvFormat.Email] = email,
            [PeopleCsvFormat.Name] = user.Name,
            [PeopleCsvFormat.Unit] = await UnitPathAsync(user.Department, existing, cancellationToken),
            [PeopleCsvFormat.Lead] = existing is not null && await db.People.AnyAsync(p => p.Id == existing.Id && p.IsLead, cancellationToken) ? "yes" : "no",
            [PeopleCsvFormat.Language] = Language(user.PreferredLanguage, existing),
            [PeopleCsvFormat.ManagerEmail] = await ManagerEmailAsync(user.ManagerId, cancellationToken) ?? "",
        };
        var errors = new ImportErrors();
        var row = PeopleCsvReader.ReadRecord(values, errors);
        if (row is null)
        {
            throw Invalid(errors);
        }
        var plan = await importer.ApplyOneAsync(row, user.Active, actor.Identity?.Name ?? "scim", cancellationToken);
        if (!plan.IsValid)
        {
            throw Invalid(plan.Errors);
        }
        var externalId = user.ExternalId?.Trim();
        if (externalId is { Length: > TextLimits.ExternalId })
        {
            throw ScimException.BadRequest("invalidValue", localizer[ImportMessages.TooLong, TextLimits.ExternalId].Value);
        }
        if (await db.People.Where(p => p.Email == email && p.ExternalId != externalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExternalId, externalId), cancellationToken) > 0)
        {
            var id = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync(cancellationToken);
            db.Audit(actor, "person.external-id-set", nameof(Person), id, externalId ?? "", id);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await Project(db.People.Where(p => p.Email == email)).SingleAsync(cancellationToken);
    }

    /// <summary>The provider changed the person's address (a new name, a new domain): the person and their sign-in keep everything else.</summary>
    private async Task ChangeAddressAsync(ScimPerson existing, string email, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.Email == email && p.Id != existing.Id, cancellationToken))
        {
            throw Conflict(email);
        }
        if (!PeopleCsvReader.IsValidEmail(email))
        {
            throw ScimException.BadRequest("invalidValue", "userName: " + localizer[ImportMessages.InvalidEmail, email].Value);
        }
        var name = (await db.People.Where(p => p.Id == existing.Id).Select(p => p.Name).SingleAsync(cancellationToken));
        await db.People.Where(p => p.Id == existing.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Email, email)
            .SetProperty(p => p.SearchText, Person.SearchTextOf(name, email)), cancellationToken);
        var normalised = email.ToUpperInvariant();
        await db.Users.Where(u => u.Email == existing.Email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, email).SetProperty(u => u.NormalizedEmail, normalised)
            .SetProperty(u => u.UserName, email).SetProperty(u => u.NormalizedUserName, normalised)
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        db.Audit(actor, "person.email-changed", nameof(Person), existing.Id, $"{existing.Email} → {email}", existing.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The department as a unit: a path (Company/Function/Team) as it is; a plain name as the one unit of
    /// that name when there is exactly one, else under <see cref="ScimOptions.DepartmentParent"/>. No
    /// department keeps the person's unit, or puts a new person in <see cref="ScimOptions.UnitWithoutDepartment"/>.
    /// </summary>
    private async Task<string> UnitPathAsync(string? department, ScimPerson? existing, CancellationToken cancellationToken)
    {
        var name = department?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return existing?.UnitPath ?? options.UnitWithoutDepartment;
        }
        if (name.Contains(OrgUnit.PathSeparator, StringComparison.Ordinal))
        {
            return name;
        }
        var named = await db.OrgUnits.Where(u => u.Name == name).OrderBy(u => u.Id).Select(u => u.NamePath).Take(2).ToListAsync(cancellationToken);
        if (named.Count == 1)
        {
            return named[0];
        }
        return string.IsNullOrWhiteSpace(options.DepartmentParent) ? name : options.DepartmentParent.Trim() + OrgUnit.PathSeparator + name;
    }

    /// <summary>fi or en; a language tag is read by its language (fi-FI → fi); anything else keeps what the person has, or English.</summary>
    private static string Language(string? preferred, ScimPerson? existing)
    {
        var code = preferred?.Split('-', '_')[0];
        return LanguageCodes.TryParse(code, out var language) ? language.ToCode() : existing?.Language ?? "en";
    }

    private async Task<string?> ManagerEmailAsync(string? managerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(managerId))
        {
            return null;
        }
        var email = int.TryParse(managerId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.People.Where(p => p.Id == id).Select(p => p.Email).SingleOrDefaultAsync(cancellationToken)
            : null;
        return email ?? throw ScimException.BadRequest("invalidValue", localizer["manager: no user with the id {0}.", managerId].Value);
    }

    private ScimException Invalid(IEnumerable<ImportError> errors) => ScimException.BadRequest("invalidValue",
        string.Join(" ", errors.Select(e => (e.Column is null ? "" : Attribute(e.Column) + ": ") + localizer[e.Message, e.Arguments].Value)));

    /// <summary>The SCIM attribute a column of the import comes from.</summary>
    private static string Attribute(string column) => column switch
    {
        PeopleCsvFormat.Email => "userName",
        PeopleCsvFormat.Name => "displayName",
        PeopleCsvFormat.Unit => "department",
        PeopleCsvFormat.Language => "preferredLanguage",
        PeopleCsvFormat.ManagerEmail => "manager",
        _ => column,
    };

    private IQueryable<Person> Filtered(ScimFilter? filter)
    {
        var people = db.People.AsNoTracking();
        if (filter is null)
        {
            return people;
        }
        switch (filter.Attribute)
        {
            case ScimFilterAttribute.UserName:
                var email = Person.NormaliseEmail(filter.Value);
                return people.Where(p => p.Email == email);
            case ScimFilterAttribute.ExternalId:
                var externalId = filter.Value;
                return people.Where(p => p.ExternalId == externalId);
            case ScimFilterAttribute.DisplayName:
                throw ScimFilter.Unsupported($"displayName eq \"{filter.Value}\"");
            default:
                return int.TryParse(filter.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? people.Where(p => p.Id == id) : people.Where(p => false);
        }
    }

    private static IQueryable<ScimPerson> Project(IQueryable<Person> people) =>
        people.AsNoTracking().Select(p => new ScimPerson(p.Id, p.ExternalId, p.Email, p.Name, p.PreferredLanguage == Domain.Language.Fi ? "fi" : "en", p.IsActive, p.Unit.NamePath, p.ManagerId, p.Manager == null ? null : p.Manager.Name));
}
