using System.Globalization;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Okr;

/// <summary>A small SVG line of a key result's check-in values over time, with its start and target as guides.</summary>
public sealed class CheckInChart
{
    public const double Width = 240;
    public const double Height = 60;
    private const double Pad = 4;

    private CheckInChart(string points, double? targetY, double startY)
    {
        Points = points;
        TargetY = targetY;
        StartY = startY;
    }

    public string Points { get; }
    public double? TargetY { get; }
    public double StartY { get; }

    public static CheckInChart For(KeyResult keyResult, IReadOnlyList<CheckIn> checkIns)
    {
        var values = checkIns.Select(c => c.Value).Append(keyResult.StartValue).ToList();
        if (keyResult.TargetValue is { } target)
        {
            values.Add(target);
        }
        var min = values.Min();
        var max = values.Max();
        double Y(double value) => max.Equals(min) ? Height / 2 : Height - Pad - (value - min) / (max - min) * (Height - 2 * Pad);
        var ordered = checkIns.OrderBy(c => c.Date).ThenBy(c => c.Id).ToList();
        var step = ordered.Count > 1 ? (Width - 2 * Pad) / (ordered.Count - 1) : 0;
        var points = string.Join(" ", ordered.Select((c, i) => $"{F(Pad + i * step)},{F(Y(c.Value))}"));
        return new CheckInChart(points, keyResult.TargetValue is { } t ? Y(t) : null, Y(keyResult.StartValue));
    }

    public static string F(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
