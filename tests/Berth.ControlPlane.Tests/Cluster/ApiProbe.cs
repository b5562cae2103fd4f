using System.Collections.Concurrent;
using System.Net;

namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>
/// Reads an app through the API every few hundred milliseconds while a fault lasts, and keeps every answer that is
/// not what a client may expect then: a 200, or a 503 that says when to try again (Retry-After) and why (a problem
/// title). A 500, a 503 without them, or no answer at all is kept with its body, for the test's message.
/// </summary>
public sealed class ApiProbe : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);
    private readonly HttpClient _api;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _bad = new();
    private readonly Task _loop;
    private long _sent;
    private long _unavailable;

    private ApiProbe(HttpClient api, string appId)
    {
        _api = api;
        _path = $"/v1/apps/{appId}";
        _loop = Task.Run(RunAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Answers that were a 503 with a Retry-After and a reason.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>Answers a client must not get (a 500, a bare 503, none), with their bodies.</summary>
    public IReadOnlyList<string> Bad => [.. _bad];

    /// <summary>Starts reading <paramref name="appId"/> through <paramref name="api"/> (not disposed here).</summary>
    public static ApiProbe Start(HttpClient api, string appId) => new(api, appId);

    /// <summary>Stops reading; the counts stay. Safe to call again.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await _api.GetAsync(_path, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null && body.Contains("\"title\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _unavailable);
                }
                else if (response.StatusCode != HttpStatusCode.OK)
                {
                    _bad.Enqueue($"{(int)response.StatusCode} Retry-After={response.Headers.RetryAfter} {body}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _bad.Enqueue($"no answer: {e.GetType().Name} {e.Message}");
            }

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
}
