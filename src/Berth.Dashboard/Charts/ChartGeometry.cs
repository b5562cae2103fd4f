using System.Globalization;
using System.Text;

namespace Berth.Dashboard.Charts;

/// <summary>
/// Where things go in a chart's plot, whose SVG is <see cref="Width"/> × <see cref="Height"/> units stretched to its box
/// (lines keep their width with <c>vector-effect: non-scaling-stroke</c>): scales with round numbers, and point lists.
/// </summary>
internal static class ChartGeometry
{
    public const double Width = 600;
    public const double Height = 100;

    /// <summary>The smallest round number (1, 2, 2.5 or 5 times a power of ten) at or above <paramref name="max"/>; 1 for nothing.</summary>
    public static double NiceCeiling(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= max * (1 - 1e-9))
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    /// <summary>The points of a line through <paramref name="values"/>, spread evenly across the width.</summary>
    public static string Line(IReadOnlyList<double> values, double top) =>
        Points(Enumerable.Range(0, values.Count).Select(i => (X(i, values.Count), Y(values[i], top))));

    /// <summary>The outline of a band between two lines: along <paramref name="upper"/>, then back along <paramref name="lower"/>.</summary>
    public static string Band(IReadOnlyList<double> lower, IReadOnlyList<double> upper, double top)
    {
        var count = upper.Count;
        var along = Enumerable.Range(0, count).Select(i => (X(i, count), Y(upper[i], top)));
        var back = Enumerable.Range(0, count).Reverse().Select(i => (X(i, count), Y(lower[i], top)));
        return Points(along.Concat(back));
    }

    /// <summary>Running totals of the series, bottom first: what each band of a stacked chart sits on and reaches to.</summary>
    public static IReadOnlyList<double[]> Stack(IReadOnlyList<IReadOnlyList<double>> series, int count)
    {
        var levels = new List<double[]> { new double[count] };
        foreach (var values in series)
        {
            var below = levels[^1];
            levels.Add([.. Enumerable.Range(0, count).Select(i => below[i] + (i < values.Count ? values[i] : 0))]);
        }

        return levels;
    }

    private static double X(int index, int count) => count <= 1 ? Width : index * Width / (count - 1);

    private static double Y(double value, double top) => Height - (Math.Clamp(value, 0, top) / top * Height);

    private static string Points(IEnumerable<(double X, double Y)> points)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(x.ToString("0.##", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.##", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
