using System.Net.Sockets;
using Berth.Core.Apps;

namespace Berth.ControlPlane.Execution;

/// <summary>Asks an instance's heartbeat endpoint whether it is healthy, over pooled connections.</summary>
public sealed class HealthProbe : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// True when <c>http://{address}{path}</c> answers 2xx within the check's timeout, or for a base image's server
    /// (<see cref="HealthCheckSpec.Server"/>), when it answers its own protocol as a ready server.
    /// </summary>
    public async Task<bool> CheckAsync(string address, HealthCheckSpec check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(check.TimeoutSeconds));
        if (check.Server is { } server)
        {
            try
            {
                return await ServerHello.AnswersAsync(address, server, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        try
        {
            using var response = await _client.GetAsync($"http://{address}{check.Path}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
