using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Berth.Core.Traffic;

namespace Berth.ControlPlane.Gateway;

/// <summary>
/// An app's traffic across every running gateway: each gateway registered under <c>/caas/members/gateway/</c> is asked
/// for its report on its admin URL, and the reports are merged (counters summed, histograms added).
/// </summary>
internal sealed class GatewayStatsCollector(IDiscoveryStore discovery, HttpClient http)
{
    /// <summary>The merged report, and the gateways that did not answer (their traffic is missing from it).</summary>
    public async Task<(TrafficReport Report, IReadOnlyList<string> Unreachable)> CollectAsync(string appId, TrafficWindow window, CancellationToken cancellationToken)
    {
        var (reports, unreachable) = await AskGatewaysAsync<TrafficReport>($"/_berth/stats/{appId}?window={window.Name()}", cancellationToken);
        return (TrafficReport.Merge(appId, window, reports), unreachable);
    }

    /// <summary>The merged report of the last <paramref name="seconds"/> whole seconds (1-59), and the gateways that did not answer.</summary>
    public async Task<(TrafficReport Report, IReadOnlyList<string> Unreachable)> CollectRecentAsync(string appId, int seconds, CancellationToken cancellationToken)
    {
        var (reports, unreachable) = await AskGatewaysAsync<TrafficReport>($"/_berth/stats/{appId}?seconds={seconds}", cancellationToken);
        return (TrafficReport.Merge(appId, TrafficReport.RecentWindow, reports), unreachable);
    }

    /// <summary>The merged series, step by step, and the gateways that did not answer.</summary>
    public async Task<(TrafficSeries Series, IReadOnlyList<string> Unreachable)> CollectSeriesAsync(string appId, TrafficWindow window, CancellationToken cancellationToken)
    {
        var (series, unreachable) = await AskGatewaysAsync<TrafficSeries>($"/_berth/series/{appId}?window={window.Name()}", cancellationToken);
        return (TrafficSeries.Merge(appId, window, series), unreachable);
    }

    /// <summary>Every gateway's answer to <paramref name="path"/> on its admin URL, and the ids of those that gave none.</summary>
    private async Task<(IReadOnlyList<T> Answers, IReadOnlyList<string> Unreachable)> AskGatewaysAsync<T>(
        string path, CancellationToken cancellationToken) where T : class
    {
        var members = await discovery.GetPrefixAsync(GatewayKeys.MemberRoot, cancellationToken);
        var answers = await Task.WhenAll(members.Entries.Select(async member =>
        {
            try
            {
                return (member.Key, Answer: await http.GetFromJsonAsync<T>(member.Value.TrimEnd('/') + path, JsonSerializerOptions.Web, cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                return (member.Key, Answer: null);
            }
        }));

        var unreachable = answers.Where(a => a.Answer is null).Select(a => a.Key[GatewayKeys.MemberRoot.Length..]).ToList();
        return ([.. answers.Select(a => a.Answer).OfType<T>()], unreachable);
    }
}
