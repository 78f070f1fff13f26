using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Data;

public class OrgUnitPathsTests
{
    [Fact]
    public void A_path_brings_its_ancestors_in_order()
    {
        Assert.Equal(["Nordic", "Nordic/Software", "Nordic/Software/Cloud"], OrgUnitPaths.WithAncestors("Nordic/Software/Cloud"));
        Assert.Equal(["Nordic"], OrgUnitPaths.WithAncestors("Nordic"));
    }

    [Fact]
    public void Placing_a_unit_builds_its_id_and_name_paths()
    {
        var company = new OrgUnit { Id = 1, Name = "Nordic" };
        company.PlaceUnder(null);
        var team = new OrgUnit { Id = 12, Name = "Cloud" };
        team.PlaceUnder(company);

        Assert.Equal("/1/12/", team.IdPath);
        Assert.Equal("Nordic/Cloud", team.NamePath);
        Assert.Equal(1, team.Depth);
        Assert.Equal(0, company.Depth);
    }
}
