using System.Text.Json;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth projects events</c> against a real Berth: the project's own events, as a table or the API's JSON.</summary>
public sealed class ProjectsEventsServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Events_FailedRevisionWithIgnoredKey_ListsBothAsTableAndJson()
    {
        string project = $"pev{Guid.NewGuid():N}"[..12];
        string compose = Path.Combine(ClientEnvironment().WorkingDirectory, "compose.yaml");
        // An image the registry does not hold: the revision fails when its service is pulled, and nothing runs.
        await File.WriteAllTextAsync(compose, "services:\n  kv:\n    image: no-such-image:v1\n    expose: [8080]\n    restart: always\n", TestContext.Current.CancellationToken);

        CliResult deploy = await RunAsync("projects", "deploy", project, "-f", compose, "--allow-ignored");
        CliResult table = await RunAsync("projects", "events", project);
        CliResult json = await RunAsync("projects", "events", project, "--json");

        Assert.Equal(1, deploy.ExitCode);
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"(?m)^\S.*\s+keyIgnored\s+.*'restart'", table.Out);
        Assert.Matches(@"(?m)^\S.*\s+revisionFailed\s+.*revision 1", table.Out);
        Assert.Equal(0, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        string[] types = [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
        Assert.Contains("keyIgnored", types);
        Assert.Contains("revisionFailed", types);
    }

    [Fact]
    public async Task Events_UnknownProject_FailsNamingIt()
    {
        CliResult result = await RunAsync("projects", "events", "no-such-project");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-project", result.Error);
    }
}
