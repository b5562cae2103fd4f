using System.Diagnostics;
using System.Net;

namespace Berth.Bench.Projects;

/// <summary>The sample's answer once every service is up, and the polling for it.</summary>
internal static class Chain
{
    public const string Answer = "web(api(kv(42)))";
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Polls <paramref name="url"/> until it answers the whole chain.</summary>
    public static async Task UntilAnsweredAsync(string url, string? host = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (host is not null)
                {
                    request.Headers.Host = host;
                }

                using var response = await Client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Trim() == Answer)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{url} (Host {host}) never answered {Answer}");
    }

    /// <summary>Runs a command and returns its output; throws with its error output when it fails.</summary>
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
    }
}
