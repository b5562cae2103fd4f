using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Core.Apps;
using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Admin;

/// <summary>
/// What the gateway answers for hosts that are not apps: <c>/_berth/health</c> to anyone, and to admin clients
/// <c>/_berth/stats/{appId}?window=minute|hour</c> (or <c>?seconds=N</c>: the last N whole seconds), the same step by step at <c>/_berth/series/{appId}</c>, and the
/// Prometheus <c>/metrics</c>. App hosts never reach it (their <c>/metrics</c> is the app's).
/// </summary>
internal sealed class AdminSurface(RouteTableUpdater routes, GatewayStatistics statistics)
{
    public const string HealthPath = "/_berth/health";
    public const string StatsPath = "/_berth/stats/";
    public const string SeriesPath = "/_berth/series/";
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The answer for an admin path; false when the path is not one, or is one that <paramref name="trustedClient"/>
    /// (an address in <see cref="GatewayOptions.AdminClients"/>) is needed for.
    /// </summary>
    public bool TryHandle(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, bool trustedClient, out LocalResponse response)
    {
        var query = target.IndexOf((byte)'?');
        var path = Encoding.ASCII.GetString(query < 0 ? target : target[..query]);
        var queryText = query < 0 ? "" : Encoding.ASCII.GetString(target[(query + 1)..]);
        var restricted = path == MetricsPath || path.StartsWith(StatsPath, StringComparison.Ordinal) || path.StartsWith(SeriesPath, StringComparison.Ordinal);
        if (path != HealthPath && !(restricted && trustedClient))
        {
            response = default;
            return false;
        }

        if (!method.SequenceEqual("GET"u8) && !method.SequenceEqual("HEAD"u8))
        {
            response = LocalResponse.Text(405, "admin endpoints answer GET only");
            return true;
        }

        response = path switch
        {
            HealthPath => Health(),
            MetricsPath => new LocalResponse(200, PrometheusText.ContentType, Encoding.UTF8.GetBytes(PrometheusText.Write(routes, statistics))),
            _ when path.StartsWith(SeriesPath, StringComparison.Ordinal) => Traffic(path[SeriesPath.Length..], queryText, (app, window) =>
                JsonSerializer.SerializeToUtf8Bytes(statistics.Series(app, window), GatewayJsonContext.Default.TrafficSeries)),
            _ when QueryValue(queryText, "seconds") is { } seconds => Recent(path[StatsPath.Length..], seconds),
            _ => Traffic(path[StatsPath.Length..], queryText, (app, window) =>
                JsonSerializer.SerializeToUtf8Bytes(statistics.Report(app, window), GatewayJsonContext.Default.TrafficReport)),
        };
        return true;
    }

    private LocalResponse Health()
    {
        var table = routes.Current;
        var started = routes.HasTable;
        var unreadable = routes.UnreadableSettings;
        var status = !started ? "starting" : unreadable.Count > 0 ? "denied" : routes.IsStale ? "stale" : "ok";

        // Stale still routes with the last table, so it is healthy; a gateway that never read discovery, or may not
        // read its settings (and so fails closed), is not.
        var healthy = started && unreadable.Count == 0;
        var health = new GatewayHealth(status, table.Count, table.DomainCount, routes.IsStale, table.Revision, routes.LastError, unreadable);
        return new LocalResponse(healthy ? 200 : 503, "application/json", JsonSerializer.SerializeToUtf8Bytes(health, GatewayJsonContext.Default.GatewayHealth));
    }

    /// <summary>An app's traffic over the query's window, as <paramref name="write"/> puts it.</summary>
    private static LocalResponse Traffic(string appId, string query, Func<string, TrafficWindow, byte[]> write)
    {
        if (!AppId.IsValid(appId))
        {
            return LocalResponse.Text(400, $"'{appId}' is not an app id");
        }

        if (!TrafficWindows.TryParse(QueryValue(query, "window"), out var parsed))
        {
            return LocalResponse.Text(400, "window must be minute or hour");
        }

        return new LocalResponse(200, "application/json", write(appId, parsed));
    }

    /// <summary>An app's traffic over the last whole seconds (<c>?seconds=1…59</c>), for the autoscaler.</summary>
    private LocalResponse Recent(string appId, string secondsText)
    {
        if (!AppId.IsValid(appId))
        {
            return LocalResponse.Text(400, $"'{appId}' is not an app id");
        }

        return int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 59
            ? new LocalResponse(200, "application/json", JsonSerializer.SerializeToUtf8Bytes(statistics.Recent(appId, seconds), GatewayJsonContext.Default.TrafficReport))
            : LocalResponse.Text(400, "seconds must be a whole number from 1 to 59");
    }

    private static string? QueryValue(string query, string name) =>
        query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == name)?[1];
}
