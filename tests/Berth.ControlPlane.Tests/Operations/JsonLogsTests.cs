using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Operations;

/// <summary><c>berth server --log-format json</c>: what a log collector reads on its output is one JSON object per line.</summary>
public sealed class JsonLogsTests
{
    [Fact]
    public async Task Server_LogFormatJson_EveryLineIsAJsonLogEntry()
    {
        var data = Directory.CreateTempSubdirectory("berth-json-logs-").FullName;
        var apiUrl = $"http://127.0.0.1:{BerthProcess.FreePort()}";
        var ports = BerthTestServer.FreeSlice(5);
        using var server = ChildProcess.Start("dotnet",
            [BerthProcess.Executable, "server", "--log-format", "json", "--data", data, "--listen", apiUrl, "--port-range", $"{ports}-{ports + 4}"]);
        try
        {
            await server.WaitForHealthAsync($"{apiUrl}/healthz", "berth server answering");
            // The start-up lines (token, addresses) come after the API listens.
            await Poll.TrueAsync(() => Task.FromResult(server.Output.Contains("API: ", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "the API address announced", diagnose: () => server.Output);
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(data, recursive: true);
        }

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                Assert.Fail($"not a JSON line: {line}");
                throw;
            }
        }).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Category", out _), e.ToString()));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith($"API: {apiUrl}", StringComparison.Ordinal));
    }
}
