using System.Net;
using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Pages.Okr;

public class ConcurrentCheckInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Twenty_check_ins_on_one_key_result_at_once_are_all_stored_without_an_error()
    {
        var (unitId, leadEmail) = await factory.WithDbAsync(async db =>
        {
            var lead = await db.People.Where(p => p.IsLead && p.Unit.NamePath == "Aurora Telematics/Software/Cloud Platform").Select(p => new { p.UnitId, p.Email }).FirstAsync();
            return (lead.UnitId, lead.Email);
        });
        await factory.CreateSignInAsync(leadEmail);
        using var lead = await PageSession.SignInAsync(factory, leadEmail);
        var page = await lead.GetAsync($"/Okr/Teams/{unitId}");
        var keyResultId = page.QuerySelector("#check-in-form tbody tr")!.GetAttribute("data-kr-id")!;
        var action = page.QuerySelector("#check-in-form")!.GetAttribute("hx-post")!;
        var token = PageSession.HtmxAntiforgeryToken(page);
        var before = await factory.WithDbAsync(db => db.CheckIns.CountAsync(c => c.KeyResultId == int.Parse(keyResultId)));

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            using var response = await lead.HtmxPostAsync(action, new()
            {
                ["CheckIns[0].KeyResultId"] = keyResultId,
                ["CheckIns[0].Value"] = i.ToString(),
                ["CheckIns[0].Confidence"] = "7",
                ["CheckIns[0].Note"] = $"parallel {i}",
            }, token);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("Checked in 1 key result(s).", PageSession.Parse(r.Body).QuerySelector("#check-in-saved")!.TextContent));
        var notes = await factory.WithDbAsync(db => db.CheckIns.Where(c => c.KeyResultId == int.Parse(keyResultId)).Select(c => c.Note).ToListAsync());
        Assert.Equal(before + 20, notes.Count);
        Assert.All(Enumerable.Range(1, 20), i => Assert.Contains($"parallel {i}", notes));
    }
}
