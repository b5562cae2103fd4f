using Berth.Gateway.Proxy;
using Berth.Gateway.Routing;
using Berth.Gateway.Wake;
using Microsoft.AspNetCore.Http;

namespace Berth.Gateway.Http2;

internal sealed partial class StreamForwarder
{
    /// <summary>A stream for a sleeping app with no instance: held while it wakes, as <see cref="ClientSession"/> holds a request.</summary>
    private async Task HoldAsync(HttpContext context, AppRoute route, long start, string peer, bool trusted)
    {
        var outcome = await services.Wakes.HoldAsync(route, context.RequestAborted).ConfigureAwait(false);
        if (outcome.Result == WakeResult.ClientGone)
        {
            return;
        }

        if (outcome.Result == WakeResult.Awake && services.Routes.Current.TryGetRoute(route.AppId, out var awake)
            && awake.Pick(services.Time.GetTimestamp()) is { } destination)
        {
            await ForwardAsync(context, awake, destination, start, peer, trusted).ConfigureAwait(false);
            return;
        }

        await RespondAsync(context, route, start, LocalResponse.Text(503, outcome.Refusal(route.AppId), WakeOutcome.RetryAfterSeconds)).ConfigureAwait(false);
    }
}
