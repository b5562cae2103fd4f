using System.Globalization;
using System.Text;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Admin;

/// <summary>The Prometheus text exposition (format 0.0.4) of the gateway's counters since start, written by hand.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] Classes = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    public static string Write(RouteTableUpdater routes, GatewayStatistics statistics)
    {
        var text = new StringBuilder();
        Gauge(text, "berth_gateway_routes", "Apps in the route table.", routes.Current.Count);
        Gauge(text, "berth_gateway_route_table_stale", "1 while discovery is unreachable and the last table is served.", routes.IsStale ? 1 : 0);
        Gauge(text, "berth_gateway_settings_unreadable", "Gateway settings prefixes discovery refuses to let the gateway read.", routes.UnreadableSettings.Count);

        var apps = statistics.Apps.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (Labels: $"app=\"{Escape(a.Key)}\"", Totals: Totals(a.Value))).ToList();
        var instances = statistics.Instances
            .OrderBy(i => i.AppId, StringComparer.Ordinal).ThenBy(i => i.Instance, StringComparer.Ordinal)
            .Select(i => (Labels: $"app=\"{Escape(i.AppId)}\",version=\"{Escape(i.Version)}\",instance=\"{Escape(i.Instance)}\"", Totals: Totals(i.Counters)))
            .ToList();
        foreach (var (prefix, series) in new[] { ("berth_gateway", apps), ("berth_gateway_instance", instances) })
        {
            Counter(text, $"{prefix}_requests_total", "Requests.", series, (t, _) => t[CounterSlot.Requests]);
            Header(text, $"{prefix}_responses_total", "Responses by status class.", "counter");
            foreach (var (labels, totals) in series)
            {
                for (var c = 0; c < Classes.Length; c++)
                {
                    Sample(text, $"{prefix}_responses_total", $"{labels},class=\"{Classes[c]}\"", totals[CounterSlot.Status + c]);
                }
            }

            Counter(text, $"{prefix}_received_bytes_total", "Bytes received from clients.", series, (t, _) => t[CounterSlot.BytesIn]);
            Counter(text, $"{prefix}_sent_bytes_total", "Bytes sent to clients.", series, (t, _) => t[CounterSlot.BytesOut]);
            Histogram(text, $"{prefix}_request_duration_seconds", series);
        }

        return text.ToString();
    }

    private static long[] Totals(TrafficCounters counters)
    {
        var totals = new long[CounterSlot.Size];
        counters.AddTotal(totals);
        return totals;
    }

    private static void Histogram(StringBuilder text, string name, List<(string Labels, long[] Totals)> series)
    {
        Header(text, name, "Time from request head to the end of the response.", "histogram");
        foreach (var (labels, totals) in series)
        {
            long cumulative = 0;
            for (var b = 0; b < LatencyBuckets.Count; b++)
            {
                cumulative += totals[CounterSlot.Histogram + b];
                var le = b < LatencyBuckets.UpperBoundsMs.Count ? (LatencyBuckets.UpperBoundsMs[b] / 1000).ToString(CultureInfo.InvariantCulture) : "+Inf";
                Sample(text, name + "_bucket", $"{labels},le=\"{le}\"", cumulative);
            }

            text.Append(name).Append("_sum{").Append(labels).Append("} ")
                .Append((totals[CounterSlot.LatencyMicros] / 1e6).ToString(CultureInfo.InvariantCulture)).Append('\n');
            Sample(text, name + "_count", labels, cumulative);
        }
    }

    private static void Counter(StringBuilder text, string name, string help, List<(string Labels, long[] Totals)> series, Func<long[], string, long> value)
    {
        Header(text, name, help, "counter");
        foreach (var (labels, totals) in series)
        {
            Sample(text, name, labels, value(totals, labels));
        }
    }

    private static void Gauge(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "gauge");
        text.Append(name).Append(' ').Append(value).Append('\n');
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, long value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value).Append('\n');

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
