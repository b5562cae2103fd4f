using System.Diagnostics;

namespace Berth.Bench.Projects;

/// <summary>
/// <c>docker-compose up -d</c> of the same file (Debian's docker-compose, which waits for <c>service_healthy</c> itself),
/// with only the image named by its registry and the web published on a port of its own, then curl until the chain answers.
/// </summary>
internal sealed class ComposeBaseline(string compose) : IBaseline
{
    private const int Port = 27600;

    public static async Task<bool> RunsHereAsync()
    {
        try
        {
            await Chain.RunAsync("docker-compose", "version");
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public async Task<ProjectMeasurement> MeasureAsync(int round)
    {
        var file = Path.Combine(Path.GetTempPath(), $"berth-bench-compose-{Environment.ProcessId}.yaml");
        await File.WriteAllTextAsync(file, compose
            .Replace("image: hello:v1", "image: 127.0.0.1:5000/hello:v1", StringComparison.Ordinal)
            .Replace("ports: [\"8080:8080\"]", $"ports: [\"127.0.0.1:{Port}:8080\"]", StringComparison.Ordinal));
        var name = $"benchshop{Environment.ProcessId}x{round}";
        try
        {
            var clock = Stopwatch.StartNew();
            await Chain.RunAsync("docker-compose", "-p", name, "-f", file, "up", "-d");
            var done = clock.Elapsed;
            await Chain.UntilAnsweredAsync($"http://127.0.0.1:{Port}/cgi-bin/value");
            return new ProjectMeasurement("docker-compose up", clock.Elapsed, done);
        }
        finally
        {
            await Chain.RunAsync("docker-compose", "-p", name, "-f", file, "down", "-v", "-t", "0");
            File.Delete(file);
        }
    }
}
