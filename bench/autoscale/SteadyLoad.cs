using System.Diagnostics;

namespace Berth.Bench.Autoscale;

/// <summary>
/// A steady request rate through the gateway to one app, each request sent on its own schedule (not after the previous
/// answer), so a slow answer never lowers the rate the autoscaler sees. Every answer is kept: when it came, its status,
/// its latency and its body (the sample names the container that answered).
/// </summary>
internal sealed class SteadyLoad(string gatewayUrl, string appId, double perSecond)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Sends for <paramref name="duration"/>, from <paramref name="clock"/>'s time now; returns every answer once all came.</summary>
    public async Task<IReadOnlyList<Answer>> RunAsync(Stopwatch clock, TimeSpan duration)
    {
        var start = clock.Elapsed;
        var sent = new List<Task<Answer>>();
        for (var i = 0; ; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / perSecond);
            if (due - start >= duration)
            {
                break;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sent.Add(SendAsync(clock));
        }

        return await Task.WhenAll(sent);
    }

    private async Task<Answer> SendAsync(Stopwatch clock)
    {
        var began = clock.Elapsed;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{gatewayUrl}/");
            request.Headers.Host = $"{appId}.localhost";
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(clock.Elapsed, (int)response.StatusCode, clock.Elapsed - began, body.Trim());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(clock.Elapsed, 0, clock.Elapsed - began, e.GetType().Name);
        }
    }
}
