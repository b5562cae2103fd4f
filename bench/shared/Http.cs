using System.Diagnostics;
using System.Net;

namespace Berth.Bench.Shared;

/// <summary>Polls until an HTTP GET answers 200, as a person with curl in a loop would.</summary>
public static class Http
{
    public static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task UntilOkAsync(string url, string? host = null, TimeSpan? limit = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (host is not null)
                {
                    request.Headers.Host = host;
                }

                using var response = await Client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (deadline.Elapsed > (limit ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"{url} (Host {host}) never answered 200");
            }

            await Task.Delay(10);
        }
    }
}
