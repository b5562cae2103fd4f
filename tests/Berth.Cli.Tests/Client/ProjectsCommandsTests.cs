using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Cli.Tests.Client;

/// <summary>The projects commands against a real Berth whose services run on the local engine (the sample image hello).</summary>
public sealed class ProjectsCommandsTests(ProjectsServer real) : ServerTest<ProjectsServer>(real)
{
    /// <summary>A service of the sample image, small enough that a few fit on the shared machine.</summary>
    private const string Service = "    image: hello:v1\n    expose: [8080]\n    deploy:\n      resources:\n        limits:\n          memory: 64m\n";

    private string Folder => ClientEnvironment().WorkingDirectory;

    [Fact]
    public async Task Deploy_WithEnvFileAndAllowIgnored_RunsTheResolvedServicePrintsWarningsAndFollows()
    {
        string project = Name();
        await File.WriteAllTextAsync(Path.Combine(Folder, "kv.env"), "VALUE=42\n", TestContext.Current.CancellationToken);
        string compose = await ComposeAsync("services:\n  kv:\n" + Service + "    env_file: kv.env\n    restart: always\n");

        CliResult result = await RunAsync("projects", "deploy", project, "-f", compose, "--allow-ignored");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Matches(@"(?m)^warning: line \d+, column \d+: service 'kv': 'restart' is not supported by Berth; ignored$", result.Out);
        Assert.Matches(@"(?m)^running: \S", result.Out);
        CliResult app = await RunAsync("apps", "show", $"{project}-kv", "--json");
        Assert.Equal("42", JsonDocument.Parse(app.Out).RootElement.GetProperty("env").GetProperty("VALUE").GetString());
    }

    [Fact]
    public async Task Deploy_Refused_PrintsEachProblemAndFails()
    {
        string compose = await ComposeAsync("services:\n  web:\n    image: hello:v1\n    privileged: true\n");

        CliResult result = await RunAsync("projects", "deploy", Name(), "-f", compose);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"line \d+, column \d+: service 'web': 'privileged' is refused", result.Error);
    }

    [Fact]
    public async Task Deploy_MissingEnvFile_FailsNamingIt()
    {
        string compose = await ComposeAsync("services:\n  web:\n    env_file: missing.env\n");

        CliResult result = await RunAsync("projects", "deploy", Name(), "-f", compose);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.env", result.Error);
    }

    [Fact]
    public async Task Ps_Project_TableOfServices()
    {
        string project = Name();
        string compose = await ComposeAsync(
            "services:\n  web:\n" + Service + "    depends_on:\n      kv:\n        condition: service_healthy\n  kv:\n" + Service);
        Assert.Equal(0, (await RunAsync("projects", "deploy", project, "-f", compose)).ExitCode);

        CliResult result = await RunAsync("projects", "ps", project);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches($@"^{project}: revision 1, running \(.+\)$", lines[0]);
        Assert.Matches(@"^SERVICE\s+APP\s+IMAGE\s+PORT\s+GATEWAY\s+VERSION\s+INSTANCES\s+DEPENDS ON$", lines[1]);
        Assert.Contains(lines, line => Regex.IsMatch(line, $@"^web\s+{project}-web\s+hello:v1\s+8080\s+-\s+\S+\s+1\s+kv \(service_healthy\)$"));
        Assert.Contains(lines, line => Regex.IsMatch(line, $@"^kv\s+{project}-kv\s+hello:v1\s+8080\s+-\s+\S+\s+1\s+-$"));
    }

    [Fact]
    public async Task Diff_ChangedAndNewService_ListsThemWithTheirKeys()
    {
        string project = Name();
        Assert.Equal(0, (await RunAsync("projects", "deploy", project, "-f", await ComposeAsync("services:\n  kv:\n" + Service))).ExitCode);
        string changed = await ComposeAsync("services:\n  kv:\n" + Service + "    environment:\n      VALUE: \"43\"\n  web:\n" + Service);

        CliResult result = await RunAsync("projects", "diff", project, "-f", changed);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^kv\s+changed\s+environment\s*$", result.Out);
        Assert.Matches(@"(?m)^web\s+added\s+", result.Out);
    }

    [Fact]
    public async Task RollbackAndRm_Project_FollowAndConfirm()
    {
        string project = Name();
        Assert.Equal(0, (await RunAsync("projects", "deploy", project, "-f", await ComposeAsync("services:\n  kv:\n" + Service))).ExitCode);
        string second = await ComposeAsync("services:\n  kv:\n" + Service + "    environment:\n      VALUE: \"2\"\n");
        Assert.Equal(0, (await RunAsync("projects", "deploy", project, "-f", second)).ExitCode);

        CliResult rollback = await RunAsync("projects", "rollback", project);
        CliResult shown = await RunAsync("apps", "show", $"{project}-kv", "--json");
        CliResult rm = await RunAsync("projects", "rm", project);

        Assert.True(rollback.ExitCode == 0, rollback.Out + rollback.Error);
        Assert.Matches(@"(?m)^running: \S", rollback.Out);
        Assert.False(JsonDocument.Parse(shown.Out).RootElement.GetProperty("env").TryGetProperty("VALUE", out _));
        Assert.Equal(0, rm.ExitCode);
        Assert.Equal($"Project {project} deleted." + Environment.NewLine, rm.Out);
        Assert.Equal(1, (await RunAsync("projects", "ps", project)).ExitCode);
    }

    [Fact]
    public async Task DeployAndRm_Json_PrintTheRunningProjectThenTheRemovalOnly()
    {
        string project = Name();

        CliResult deployed = await RunAsync("projects", "deploy", project, "-f", await ComposeAsync("services:\n  kv:\n" + Service), "--json");
        CliResult removed = await RunAsync("projects", "rm", project, "--json");

        Assert.True(deployed.ExitCode == 0, deployed.Out + deployed.Error);
        JsonElement running = JsonDocument.Parse(deployed.Out).RootElement;
        Assert.Equal(project, running.GetProperty("name").GetString());
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Equal($"{project}-kv", Assert.Single(running.GetProperty("services").EnumerateArray()).GetProperty("app").GetString());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(project, JsonDocument.Parse(removed.Out).RootElement.GetProperty("project").GetString());
    }

    private static string Name() => $"p{Guid.NewGuid():N}"[..10];

    /// <summary>Writes a compose file with <paramref name="text"/> under a fresh name; returns its path.</summary>
    private async Task<string> ComposeAsync(string text)
    {
        string path = Path.Combine(Folder, $"compose-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }
}
