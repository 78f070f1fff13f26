using Microsoft.Extensions.Configuration;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;

namespace OkrRollout.Tests.Security;

/// <summary>The rules of people and access, one by one.</summary>
public class AccessRulesTests
{
    [Theory]
    [InlineData(ProgrammeRoleKind.Ambassador, Roles.Ambassador)]
    [InlineData(ProgrammeRoleKind.Coach, Roles.Ambassador)]
    [InlineData(ProgrammeRoleKind.Sponsor, Roles.Leader)]
    [InlineData(ProgrammeRoleKind.Trainer, null)]
    [InlineData(ProgrammeRoleKind.GuildMember, null)]
    public void A_place_in_the_rollout_team_gives_its_rights(ProgrammeRoleKind kind, string? role)
    {
        Assert.Equal(role, Roles.GivenBy(kind));
        Assert.Equal(role is not null, Roles.FromTeam.Contains(kind));
    }

    [Fact]
    public void An_admin_cannot_take_their_own_admin_role_nor_the_last_one()
    {
        Assert.Equal(RoleRules.OwnAdminRole, RoleRules.WhyNotRevoke(Roles.Admin, isSelf: true, activeAdmins: 3));
        Assert.Equal(RoleRules.OwnAdminRole, RoleRules.WhyNotRevoke(Roles.Admin, isSelf: true, activeAdmins: 1));
        Assert.Equal(RoleRules.LastAdmin, RoleRules.WhyNotRevoke(Roles.Admin, isSelf: false, activeAdmins: 1));
        Assert.Null(RoleRules.WhyNotRevoke(Roles.Admin, isSelf: false, activeAdmins: 2));
        Assert.Null(RoleRules.WhyNotRevoke(Roles.Leader, isSelf: true, activeAdmins: 1));
    }

    [Fact]
    public void Only_the_three_roles_are_granted_and_not_to_someone_who_left()
    {
        Assert.Null(RoleRules.WhyNotGrant(Roles.Leader, personInactive: false));
        Assert.Equal(RoleRules.UnknownRole, RoleRules.WhyNotGrant(Roles.Member, personInactive: false));
        Assert.Equal(RoleRules.UnknownRole, RoleRules.WhyNotGrant("Root", personInactive: false));
        Assert.Equal(RoleRules.Inactive, RoleRules.WhyNotGrant(Roles.Admin, personInactive: true));
    }

    [Fact]
    public void Nobody_deactivates_themselves_or_the_last_admin()
    {
        Assert.Equal(RoleRules.DeactivateYourself, RoleRules.WhyNotDeactivate(isSelf: true, isAdmin: false, activeAdmins: 2));
        Assert.Equal(RoleRules.DeactivateLastAdmin, RoleRules.WhyNotDeactivate(isSelf: false, isAdmin: true, activeAdmins: 1));
        Assert.Null(RoleRules.WhyNotDeactivate(isSelf: false, isAdmin: true, activeAdmins: 2));
        Assert.Null(RoleRules.WhyNotDeactivate(isSelf: false, isAdmin: false, activeAdmins: 1));
    }

    [Fact]
    public void The_sign_in_state_is_never_until_the_first_sign_in_then_link_password_or_single_sign_on()
    {
        var once = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(SignInState.NeverSignedIn, SignInStates.Of(null, hasPassword: true, SignInMethods.SingleSignOn));
        Assert.Equal(SignInState.Link, SignInStates.Of(once, hasPassword: false, SignInMethods.Link));
        Assert.Equal(SignInState.Password, SignInStates.Of(once, hasPassword: true, SignInMethods.Password));
        Assert.Equal(SignInState.Password, SignInStates.Of(once, hasPassword: true, lastSignInMethod: null));
        Assert.Equal(SignInState.SingleSignOn, SignInStates.Of(once, hasPassword: true, SignInMethods.SingleSignOn));
    }

    private static MailReadiness Readiness(bool demo, string? organisation, string? from, string? baseUrl)
    {
        var email = new EmailOptions();
        email.OrganisationName = organisation ?? email.OrganisationName;
        email.From = from ?? email.From;
        email.PublicBaseUrl = baseUrl ?? email.PublicBaseUrl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Seed:Demo"] = demo ? "true" : "false" }).Build();
        return new MailReadiness(email, configuration);
    }

    [Fact]
    public void A_production_install_on_the_defaults_is_not_ready_to_send_and_says_which_settings()
    {
        Assert.Equal(["Email:OrganisationName", "Email:From", "Email:PublicBaseUrl"], Readiness(false, null, null, null).Unset);
        Assert.Equal(["Email:OrganisationName", "Email:From", "Email:PublicBaseUrl"], Readiness(false, "Aurora Telematics", "okr@localhost", "http://127.0.0.1:5080").Unset);
        Assert.Equal(["Email:PublicBaseUrl"], Readiness(false, "Kela", "okr@kela.fi", "http://[::1]:8080").Unset);
        Assert.Equal(["Email:PublicBaseUrl"], Readiness(false, "Kela", "okr@kela.fi", "okr.kela.fi").Unset);
        Assert.Equal(["Email:From"], Readiness(false, "Kela", "okr-rollout", "https://okr.kela.fi").Unset);
        Assert.True(Readiness(false, "Kela", "okr@kela.fi", "https://okr.kela.fi").Ready);
        Assert.True(Readiness(true, null, null, null).Ready, "the demo sends to its own example addresses");
    }

    [Fact]
    public void Emailed_links_are_limited_per_address_and_per_client()
    {
        using var limiter = new SignInRequestLimiter(new AccountOptions { RequestsPerAddress = 2, RequestsPerClient = 3, RequestWindowMinutes = 60 });

        Assert.True(limiter.TryAcquire("a@example.com", "10.0.0.1"));
        Assert.True(limiter.TryAcquire("a@example.com", "10.0.0.2"));
        Assert.False(limiter.TryAcquire("a@example.com", "10.0.0.3"), "a third link for one address within the window");
        Assert.True(limiter.TryAcquire("b@example.com", "10.0.0.1"));
        Assert.True(limiter.TryAcquire("c@example.com", "10.0.0.1"));
        Assert.False(limiter.TryAcquire("d@example.com", "10.0.0.1"), "a fourth request from one client within the window");
    }

    [Fact]
    public void A_sign_in_is_stored_under_the_normalised_address_its_person_has()
    {
        var user = AppUser.For("  Sanna.Heikkinen@Aurora-Telematics.example ");
        Assert.Equal(("sanna.heikkinen@aurora-telematics.example", "sanna.heikkinen@aurora-telematics.example"), (user.Email, user.UserName));
        Assert.Equal(Person.NormaliseEmail("  Sanna.Heikkinen@Aurora-Telematics.example "), user.Email);
    }
}
