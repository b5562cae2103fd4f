using System.Collections.Concurrent;
using System.Net;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>
/// A steady load through a gateway: <c>loops</c> clients each sending a GET every <c>pause</c> until disposed,
/// keeping every answer that was not a 200 (as status or exception text).
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public LoadGenerator(HttpClient gateway, string host, int loops, TimeSpan pause) =>
        _loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(() => RunAsync(gateway, host, pause)))];

    /// <summary>Answers that were not 200.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Requests answered so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private long _sent;

    private async Task RunAsync(HttpClient gateway, string host, TimeSpan pause)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await GatewayTestSupport.GetAsync(gateway, host);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Failures.Enqueue($"status {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException e)
            {
                Failures.Enqueue(e.Message);
            }

            Interlocked.Increment(ref _sent);
            await Task.Delay(pause).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
