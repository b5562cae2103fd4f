using Berth.Dashboard.Api;
using Berth.Contracts;

namespace Berth.Dashboard.Pages.Apps;

/// <summary>One line of the apps list: the app with its instances and its traffic of the last minute.</summary>
public sealed record AppSummary(AppView App, IReadOnlyList<InstanceView>? Instances, StatsView? Stats)
{
    /// <summary>Instances running now.</summary>
    public int Running => Instances?.Count(i => i.State == "running") ?? 0;

    /// <summary>Running instances that pass their health check.</summary>
    public int Healthy => Instances?.Count(i => i.State == "running" && i.Health == "healthy") ?? 0;

    /// <summary>Requests per second, averaged over the last minute; null when no gateway answered.</summary>
    public double? RequestsPerSecond => Stats is { Gateways: > 0 } stats ? stats.Total.Requests / 60.0 : null;

    public static async Task<AppSummary> LoadAsync(DashboardApiClient api, AppView app, CancellationToken cancellationToken)
    {
        var instances = api.ListInstancesAsync(app.Id, cancellationToken);
        var stats = api.GetStatsAsync(app.Id, "minute", cancellationToken);
        return new AppSummary(app, (await instances).Value, (await stats).Value);
    }
}
