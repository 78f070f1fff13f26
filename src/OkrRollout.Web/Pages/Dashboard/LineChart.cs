using System.Globalization;

namespace OkrRollout.Web.Pages.Dashboard;

/// <summary>
/// Geometry of a share-over-time chart drawn as SVG by the page: x is any ordered number (a day
/// number, a week since start), y a share from 0 to 1.
/// </summary>
public sealed class LineChart(IReadOnlyList<LineSeries> series)
{
    public const double Width = 640;
    public const double Height = 240;
    public const double Left = 40;
    public const double Right = Width - 150;
    public const double Top = 10;
    public const double Bottom = Height - 30;

    public IReadOnlyList<LineSeries> Series => series;

    private double MinX => series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(0).Min();
    private double MaxX => series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max();

    /// <summary>A trend needs two points in time.</summary>
    public bool HasTrend => series.SelectMany(s => s.Points).Select(p => p.X).Distinct().Count() >= 2;

    public double X(double x) => Math.Round(Left + (Right - Left) * (x - MinX) / Math.Max(1e-9, MaxX - MinX), 1);

    public static double Y(double share) => Math.Round(Bottom - (Bottom - Top) * Math.Clamp(share, 0, 1), 1);

    public string Points(LineSeries line) => string.Join(' ', line.Points.Select(p => $"{F(X(p.X))},{F(Y(p.Share))}"));

    public static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed record LineSeries(string Key, string Label, IReadOnlyList<LinePoint> Points);

public sealed record LinePoint(double X, double Share);
