using Berth.Gateway.Routing;
using Berth.Gateway.Wake;

namespace Berth.Gateway.Proxy;

internal sealed partial class ClientSession
{
    /// <summary>
    /// A request for a sleeping app with no instance: held while the control plane wakes it, then forwarded to the
    /// route the table has then; a wake that fails, takes too long or finds the app's hold full answers 503.
    /// </summary>
    private async ValueTask<bool> HoldAsync(AppRoute route, long start)
    {
        var outcome = await _services.Wakes.HoldAsync(route, _connection.ConnectionClosed).ConfigureAwait(false);
        if (outcome.Result == WakeResult.ClientGone)
        {
            return false;
        }

        if (outcome.Result == WakeResult.Awake && _services.Routes.Current.TryGetRoute(route.AppId, out var awake)
            && awake.Pick(_services.Time.GetTimestamp()) is { } destination)
        {
            return await ForwardAsync(awake, destination, start).ConfigureAwait(false);
        }

        return await RespondAsync(route, start, LocalResponse.Text(503, outcome.Refusal(route.AppId), WakeOutcome.RetryAfterSeconds)).ConfigureAwait(false);
    }
}
