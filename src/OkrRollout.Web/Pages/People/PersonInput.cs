using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Localization;

namespace OkrRollout.Web.Pages.People;

/// <summary>The person form shared by Create and Edit, with the rules that need the database.</summary>
public class PersonInput
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(PeopleCsvReader.MaxNameLength, ErrorMessage = "The name can be at most {1} characters long.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter an e-mail address.")]
    [StringLength(PeopleCsvReader.MaxEmailLength, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a unit.")]
    [Display(Name = "Unit")]
    public int? UnitId { get; set; }

    [Display(Name = "Lead")]
    public bool IsLead { get; set; }

    [Display(Name = "Preferred language")]
    public Language PreferredLanguage { get; set; } = Language.Fi;

    [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
    [Display(Name = "Manager's e-mail")]
    public string? ManagerEmail { get; set; }

    public static PersonInput From(Person person) => new()
    {
        Name = person.Name,
        Email = person.Email,
        UnitId = person.UnitId,
        IsLead = person.IsLead,
        PreferredLanguage = person.PreferredLanguage,
        ManagerEmail = person.Manager?.Email,
    };

    /// <summary>Adds messages beside the fields; returns the manager's id when everything is valid.</summary>
    public async Task<(bool Valid, int? ManagerId)> ValidateAsync(AppDbContext db, ModelStateDictionary modelState, int? personId, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        const string prefix = "Input.";
        var email = Person.NormaliseEmail(Email);
        if (modelState.GetFieldValidationState(prefix + nameof(Email)) != ModelValidationState.Invalid)
        {
            if (!PeopleCsvReader.IsValidEmail(email))
            {
                modelState.AddModelError(prefix + nameof(Email), localizer["Enter a valid e-mail address."]);
            }
            else if (await db.People.AnyAsync(p => p.Email == email && p.Id != personId, cancellationToken))
            {
                modelState.AddModelError(prefix + nameof(Email), localizer["Somebody in the directory already has this e-mail address."]);
            }
        }
        if (UnitId is { } unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            modelState.AddModelError(prefix + nameof(UnitId), localizer["Choose a unit."]);
        }

        var currentManager = personId is null ? null : await db.People.Where(p => p.Id == personId).Select(p => p.ManagerId).SingleOrDefaultAsync(cancellationToken);
        var manager = await DirectoryLookup.FindIfNamedAsync(db, ManagerEmail, cancellationToken, keeping: currentManager);
        if (manager.Problem is { } unknownManager)
        {
            modelState.AddModelError(prefix + nameof(ManagerEmail), localizer[unknownManager]);
        }
        else if (manager.PersonId is { } managerId && (managerId == personId || Person.NormaliseEmail(ManagerEmail!) == email))
        {
            modelState.AddModelError(prefix + nameof(ManagerEmail), localizer["A person cannot be their own manager."]);
        }
        return (modelState.IsValid, manager.PersonId);
    }

    public void ApplyTo(Person person, int? managerId)
    {
        person.Name = Name.Trim();
        person.Email = Person.NormaliseEmail(Email);
        person.UnitId = UnitId!.Value;
        person.IsLead = IsLead;
        person.PreferredLanguage = PreferredLanguage;
        person.ManagerId = managerId;
    }
}
