using System.Net.Http.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Berth.Gateway.Admin;
using Berth.Gateway.Statistics;

namespace Berth.ControlPlane.Gateway;

/// <summary>
/// An app's traffic across every running gateway: each gateway registered under <c>/caas/members/gateway/</c> is asked
/// for its report on its admin URL, and the reports are merged (counters summed, histograms added).
/// </summary>
public sealed class GatewayStatsCollector(IDiscoveryStore discovery, HttpClient http)
{
    /// <summary>The merged report, and the gateways that did not answer (their traffic is missing from it).</summary>
    public async Task<(TrafficReport Report, IReadOnlyList<string> Unreachable)> CollectAsync(string appId, TrafficWindow window, CancellationToken cancellationToken)
    {
        var members = await discovery.GetPrefixAsync(GatewayKeys.MemberRoot, cancellationToken);
        var answers = await Task.WhenAll(members.Entries.Select(async member =>
        {
            var url = $"{member.Value.TrimEnd('/')}/_berth/stats/{appId}?window={window.Name()}";
            try
            {
                return (member.Key, Report: await http.GetFromJsonAsync(url, GatewayJsonContext.Default.TrafficReport, cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                return (member.Key, Report: null);
            }
        }));

        var unreachable = answers.Where(a => a.Report is null).Select(a => a.Key[GatewayKeys.MemberRoot.Length..]).ToList();
        return (TrafficReport.Merge(appId, window, answers.Select(a => a.Report).OfType<TrafficReport>()), unreachable);
    }
}
