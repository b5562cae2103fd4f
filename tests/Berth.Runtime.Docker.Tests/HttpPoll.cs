namespace Berth.Runtime.Docker.Tests;

/// <summary>Waits for a freshly started container to answer over HTTP.</summary>
internal static class HttpPoll
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(1) };

    /// <summary>The first successful body that contains <paramref name="expected"/>, or the last answer seen when time runs out.</summary>
    public static async Task<string> GetBodyAsync(string url, string expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Client.GetAsync(url, cancellationToken);
                last = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode && last.Contains(expected, StringComparison.Ordinal))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.Delay(100, cancellationToken);
        }

        return last;
    }
}
