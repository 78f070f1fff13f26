using Microsoft.Extensions.Configuration;
using OkrRollout.Web.Time;

namespace OkrRollout.Tests.Domain;

/// <summary>"Now" and "today" across the calendar: the organisation's zone decides, not UTC's or the server's.</summary>
public class OrganisationTimeTests
{
    private static OrganisationTime At(string helsinki)
    {
        var local = DateTime.Parse(helsinki, System.Globalization.CultureInfo.InvariantCulture);
        return new OrganisationTime(new ConfigurationBuilder().Build(), TestClock.Starting(TestClock.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))));
    }

    [Theory]
    // Helsinki wall clock            today         its week's Monday  ISO week
    [InlineData("2026-11-20 10:00", "2026-11-20", "2026-11-16", "2026-W47")]
    [InlineData("2027-03-28 02:30", "2027-03-28", "2027-03-22", "2027-W12")] // before the spring change
    [InlineData("2027-03-28 04:30", "2027-03-28", "2027-03-22", "2027-W12")] // after it
    [InlineData("2027-10-31 02:30", "2027-10-31", "2027-10-25", "2027-W43")] // before the autumn change
    [InlineData("2027-10-31 05:00", "2027-10-31", "2027-10-25", "2027-W43")] // after it
    [InlineData("2026-12-31 23:30", "2026-12-31", "2026-12-28", "2026-W53")] // New Year's Eve; UTC 21:30
    [InlineData("2027-01-01 00:30", "2027-01-01", "2026-12-28", "2026-W53")] // New Year; UTC still 2026
    [InlineData("2028-02-29 12:00", "2028-02-29", "2028-02-28", "2028-W09")] // a leap day
    [InlineData("2028-03-01 00:10", "2028-03-01", "2028-02-28", "2028-W09")] // the day after it; UTC still 29 February
    [InlineData("2027-06-06 23:30", "2027-06-06", "2027-05-31", "2027-W22")] // a Sunday night
    [InlineData("2027-06-07 00:30", "2027-06-07", "2027-06-07", "2027-W23")] // Monday; UTC still Sunday
    [InlineData("2027-09-01 00:05", "2027-09-01", "2027-08-30", "2027-W35")] // a cycle's first day; UTC still August
    public void Today_and_this_week_are_the_organisations(string helsinki, string today, string monday, string isoWeek)
    {
        var time = At(helsinki);

        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), time.Today);
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), OrganisationTime.WeekStart(time.Today));
        Assert.Equal(isoWeek, OrganisationTime.IsoWeek(time.Today));
        Assert.Equal(time.Today, time.DateOf(time.NowUtc));
    }

    [Fact]
    public void The_days_the_clocks_change_are_23_and_25_hours_long()
    {
        var time = At("2027-01-01 12:00");

        Assert.Equal(TimeSpan.FromHours(23), time.StartOfDayUtc(new(2027, 3, 29)) - time.StartOfDayUtc(new(2027, 3, 28)));
        Assert.Equal(TimeSpan.FromHours(25), time.StartOfDayUtc(new(2027, 11, 1)) - time.StartOfDayUtc(new(2027, 10, 31)));
        Assert.Equal(new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc), time.StartOfDayUtc(new(2027, 3, 28)));
        Assert.Equal(new DateTime(2027, 10, 30, 21, 0, 0, DateTimeKind.Utc), time.StartOfDayUtc(new(2027, 10, 31)));
    }

    [Fact]
    public void A_time_the_spring_change_skips_is_read_as_after_it_and_a_repeated_one_as_the_first()
    {
        var time = At("2027-01-01 12:00");

        // 03:00 → 04:00 on 28 March 2027: 03:30 does not exist; it is read as 04:30 summer time.
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), time.ToUtc(new DateTime(2027, 3, 28, 3, 30, 0)));
        // 04:00 → 03:00 on 31 October 2027: 03:30 happens twice; the first is summer time.
        Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), time.ToUtc(new DateTime(2027, 10, 31, 3, 30, 0)));
        Assert.Equal(new DateTime(2027, 10, 31, 3, 30, 0), time.ToLocal(time.ToUtc(new DateTime(2027, 10, 31, 3, 30, 0))));
    }

    [Fact]
    public void Another_zone_can_be_configured_and_an_unknown_one_is_refused_with_its_name()
    {
        var berlin = new OrganisationTime(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OrganisationTime.ZoneSetting] = "Europe/Berlin" }).Build(),
            TestClock.Starting(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2027, 1, 1), berlin.Today);

        var error = Assert.Throws<InvalidOperationException>(() => new OrganisationTime(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OrganisationTime.ZoneSetting] = "Mars/Olympus" }).Build(), TimeProvider.System));
        Assert.Contains("Mars/Olympus", error.Message);
    }
}
