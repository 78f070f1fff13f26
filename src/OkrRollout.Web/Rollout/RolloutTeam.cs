using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Rollout;

/// <summary>
/// The programme's sponsor is the Sponsor of its roll-out team: choosing one on the programme form
/// puts them in the team (and takes the one they replace out), and taking the sponsor off the team
/// clears the programme's sponsor. The team is what gives rights (Security.Roles.GivenBy).
/// </summary>
public static class RolloutTeam
{
    /// <summary>Adds the changes to the context; the caller saves them with the programme.</summary>
    public static async Task SetSponsorAsync(AppDbContext db, Programme programme, int? sponsorId, CancellationToken cancellationToken)
    {
        var previous = programme.SponsorId;
        programme.SponsorId = sponsorId;
        if (programme.Id == 0)
        {
            if (sponsorId is { } newSponsor)
            {
                programme.Roles.Add(new ProgrammeRole { PersonId = newSponsor, Role = ProgrammeRoleKind.Sponsor });
            }
            return;
        }
        if (previous is { } old && old != sponsorId)
        {
            db.ProgrammeRoles.RemoveRange(await db.ProgrammeRoles.Where(r => r.ProgrammeId == programme.Id && r.PersonId == old && r.Role == ProgrammeRoleKind.Sponsor).ToListAsync(cancellationToken));
        }
        if (sponsorId is { } sponsor && !await db.ProgrammeRoles.AnyAsync(r => r.ProgrammeId == programme.Id && r.PersonId == sponsor && r.Role == ProgrammeRoleKind.Sponsor, cancellationToken))
        {
            db.ProgrammeRoles.Add(new ProgrammeRole { ProgrammeId = programme.Id, PersonId = sponsor, Role = ProgrammeRoleKind.Sponsor });
        }
    }

    /// <summary>Takes a role off the team; the programme's own sponsor leaving the team is no longer its sponsor.</summary>
    public static async Task RemoveAsync(AppDbContext db, ProgrammeRole role, CancellationToken cancellationToken)
    {
        db.ProgrammeRoles.Remove(role);
        if (role.Role == ProgrammeRoleKind.Sponsor)
        {
            if (await db.Programmes.SingleOrDefaultAsync(p => p.Id == role.ProgrammeId && p.SponsorId == role.PersonId, cancellationToken) is { } programme)
            {
                programme.SponsorId = null;
            }
        }
    }
}
