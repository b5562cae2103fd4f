using System.Globalization;
using System.Text;
using System.Net;
using Berth.ControlPlane.Security.Limits;
using Berth.ControlPlane.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// The control plane's Prometheus <c>/metrics</c>: every running instance's CPU and memory as last read, then the
/// control plane's own counters (<see cref="IMetricsScrape"/>). Only
/// <see cref="MetricsOptions.AdminClients"/> get it, as at the gateway; anyone else gets a 404, as for any unknown path.
/// </summary>
internal static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplication MapBerthMetrics(this WebApplication app)
    {
        var clients = new List<IPNetwork>();
        foreach (var entry in app.Services.GetRequiredService<IOptions<BerthOptions>>().Value.Metrics.AdminClients)
        {
            clients.Add(ApiNetworkSettings.TryParseRange(entry, out var network)
                ? network
                : throw new OptionsValidationException(BerthOptions.Section, typeof(BerthOptions),
                    [$"Berth:Metrics:AdminClients must list IP addresses or CIDR ranges such as 10.0.0.0/8, not '{entry}'."]));
        }

        app.MapGet("/metrics", (HttpContext context, InstanceMetrics metrics, IEnumerable<IMetricsScrape> scrapes) =>
            context.Connection.RemoteIpAddress is { } client && clients.Exists(n => n.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client))
                ? Results.Text(Write(metrics) + string.Concat(scrapes.Select(s => s.Collect())), ContentType)
                : Results.NotFound());
        return app;
    }

    /// <summary>The Prometheus text exposition (format 0.0.4) of the metrics table.</summary>
    public static string Write(InstanceMetrics metrics)
    {
        var readings = metrics.All.OrderBy(r => r.AppId, StringComparer.Ordinal).ThenBy(r => r.InstanceId, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        Series(text, "berth_instance_cpu_percent", "CPU use as docker stats shows it (100 is one CPU busy).", readings, r => r.Usage.CpuPercent);
        Series(text, "berth_instance_memory_used_bytes", "Memory in use without the inactive page cache.", readings, r => r.Usage.MemoryUsedBytes);
        Series(text, "berth_instance_memory_limit_bytes", "The container's memory limit.", readings, r => r.Usage.MemoryLimitBytes);
        if (metrics.SampledAt is { } at)
        {
            text.Append("# HELP berth_metrics_sampled_timestamp_seconds When the engines' stats were last read.\n");
            text.Append("# TYPE berth_metrics_sampled_timestamp_seconds gauge\n");
            text.Append(CultureInfo.InvariantCulture, $"berth_metrics_sampled_timestamp_seconds {at.ToUnixTimeMilliseconds() / 1000.0}\n");
        }

        return text.ToString();
    }

    private static void Series(StringBuilder text, string name, string help, List<InstanceReading> readings, Func<InstanceReading, double> value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        foreach (var r in readings)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{name}{{app=\"{Escape(r.AppId)}\",version=\"{Escape(r.Version)}\",instance=\"{Escape(r.InstanceId)}\",host=\"{Escape(r.HostName)}\"}} {value(r)}\n");
        }
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
