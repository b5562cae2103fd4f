namespace Berth.Core.Traffic;

/// <summary>
/// An app's traffic over a window as one or more gateways saw it: <see cref="Total"/> counts what clients got (the
/// gateway's own 403/503 answers included), <see cref="Instances"/> what each instance answered.
/// </summary>
public sealed record TrafficReport(string AppId, string Window, int Gateways, TrafficTotals Total, IReadOnlyList<InstanceTraffic> Instances)
{
    /// <summary>The window name of a report of the last few whole seconds (<c>/_berth/stats/{app}?seconds=N</c>).</summary>
    public const string RecentWindow = "recent";

    /// <summary>Adds reports of the same app and window from several gateways: counters summed, histograms merged.</summary>
    public static TrafficReport Merge(string appId, TrafficWindow window, IEnumerable<TrafficReport> reports) => Merge(appId, window.Name(), reports);

    /// <summary>Adds reports of the same app and window (named as in <see cref="Window"/>) from several gateways.</summary>
    public static TrafficReport Merge(string appId, string window, IEnumerable<TrafficReport> reports)
    {
        var total = TrafficTotals.Empty;
        var gateways = 0;
        var instances = new Dictionary<string, InstanceTraffic>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            gateways += report.Gateways;
            total += report.Total;
            foreach (var instance in report.Instances)
            {
                instances[instance.Instance] = instances.TryGetValue(instance.Instance, out var seen)
                    ? seen with { Traffic = seen.Traffic + instance.Traffic }
                    : instance;
            }
        }

        return new TrafficReport(appId, window, gateways, total, [.. instances.Values.OrderBy(i => i.Instance, StringComparer.Ordinal)]);
    }
}
