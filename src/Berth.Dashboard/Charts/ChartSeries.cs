namespace Berth.Dashboard.Charts;

/// <summary>One line (or, stacked, one band) of a <see cref="TimeChart"/>: a value per step, oldest first.</summary>
/// <param name="Color">A CSS colour; the legend repeats it beside the name, so the chart reads without it too.</param>
/// <param name="Dash">An SVG <c>stroke-dasharray</c>, so lines also differ in shape; null for a solid line.</param>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values, string? Dash = null);
