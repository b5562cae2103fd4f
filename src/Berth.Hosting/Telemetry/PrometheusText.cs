using System.Globalization;
using System.Text;
using OpenTelemetry.Metrics;

namespace Berth.Hosting.Telemetry;

/// <summary>
/// One metric of the SDK's aggregation in Prometheus text (format 0.0.4): counters as <c>NAME_total</c>, gauges as
/// they are, histograms as cumulative <c>_bucket</c>s with <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static class PrometheusText
{
    public static void Write(StringBuilder text, Metric metric)
    {
        var (name, type) = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => (metric.Name + "_total", "counter"),
            MetricType.Histogram => (metric.Name, "histogram"),
            _ => (metric.Name, "gauge"),
        };
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {metric.Description}\n# TYPE {name} {type}\n");
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point);
            switch (metric.MetricType)
            {
                case MetricType.Histogram:
                    WriteHistogram(text, name, labels, point);
                    break;
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(text, name, labels, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(text, name, labels, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Sample(text, name, labels, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    Sample(text, name, labels, point.GetGaugeLastValueDouble());
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, string labels, MetricPoint point)
    {
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var le = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : bucket.ExplicitBound.ToString(CultureInfo.InvariantCulture);
            Sample(text, name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
        }

        Sample(text, name + "_sum", labels, point.GetHistogramSum());
        Sample(text, name + "_count", labels, point.GetHistogramCount());
    }

    private static string Labels(MetricPoint point)
    {
        var labels = new StringBuilder();
        foreach (var tag in point.Tags)
        {
            labels.Append(labels.Length == 0 ? "" : ",").Append(tag.Key).Append("=\"").Append(Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture))).Append('"');
        }

        return labels.ToString();
    }

    private static string Join(string labels, string label) => labels.Length == 0 ? label : $"{labels},{label}";

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}{(labels.Length == 0 ? "" : $"{{{labels}}}")} {value}\n");

    private static string Escape(string? value) =>
        (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
