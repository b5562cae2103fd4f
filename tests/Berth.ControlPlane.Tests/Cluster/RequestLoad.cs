using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>
/// A steady request generator through a set of gateways: one GET of the app every few milliseconds, turn by turn over
/// the gateways, counting every request sent and every one that failed (not 200, or no answer within the timeout).
/// </summary>
public sealed class RequestLoad : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);
    private readonly HttpClient[] _gateways;
    private readonly string _appId;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task _loop;
    private long _sent;
    private long _failed;
    private long _slowestTicks;

    private RequestLoad(IEnumerable<string> gateways, string appId)
    {
        _gateways = [.. gateways.Select(g => new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(g), Timeout = TimeSpan.FromSeconds(5) })];
        _appId = appId;
        _loop = Task.Run(RunAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The longest a request took, answered or not.</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>The first failures, with their reason, for the test's message.</summary>
    public string FirstFailures => string.Join("; ", _failures.Take(5));

    /// <summary>Starts sending to <paramref name="appId"/> through <paramref name="gateways"/>.</summary>
    public static RequestLoad Start(IEnumerable<string> gateways, string appId) => new(gateways, appId);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        foreach (var gateway in _gateways)
        {
            gateway.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        for (var turn = 0; !_stop.IsCancellationRequested; turn++)
        {
            var gateway = _gateways[turn % _gateways.Length];
            var clock = Stopwatch.StartNew();
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await BerthTestServer.ThroughGatewayAsync(gateway, _appId);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Fail($"{gateway.BaseAddress} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail($"{gateway.BaseAddress} {e.GetType().Name} after {clock.ElapsedMilliseconds} ms: {e.Message}");
            }

            // One loop writes it; readers only read.
            Interlocked.Exchange(ref _slowestTicks, Math.Max(Interlocked.Read(ref _slowestTicks), clock.Elapsed.Ticks));

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Fail(string reason)
    {
        Interlocked.Increment(ref _failed);
        if (_failures.Count < 20)
        {
            _failures.Enqueue(reason);
        }
    }
}
