using System.Diagnostics;
using Berth.Readme.Tests;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// The README's Projects section word for word against a real Berth: its compose file is samples/shop/compose.yaml, and
/// its commands, run one by one in a folder holding that file (./berth through the CLI in this process, curl through
/// the gateway, anything else with bash), each succeed and a curl answers what its comment says.
/// </summary>
public sealed class ReadmeProjectsCliTests(ProjectsReadmeServer real) : IClassFixture<ProjectsReadmeServer>, IDisposable
{
    private const string Heading = "## Projects (compose files)";

    /// <summary>How long the gateway may take to route a change (its discovery watch); only a failure waits that long.</summary>
    private static readonly TimeSpan RouteLimit = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _folder = new();
    private readonly HttpClient _gateway = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task ProjectsSection_RunAsPrinted_EveryCommandSucceeds()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"), TestContext.Current.CancellationToken);
        var compose = Block(readme, "```yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "samples", "shop", "compose.yaml"), TestContext.Current.CancellationToken);
        Assert.Equal(WithoutLeadingComments(sample), compose);
        _folder.Write(Path.Combine("samples", "shop", "compose.yaml"), compose);

        // A tenant of its own, signed in as the section assumes; the sample image offered as ./run.sh does.
        var environment = _folder.Environment(("BERTH_URL", real.Server.ApiUrl));
        Assert.Equal(0, (await CliRunner.RunAsync(environment, "base-images", "add", "hello", "--token", real.AdminToken)).ExitCode);
        var created = await CliRunner.RunAsync(environment, "tenants", "create", $"t-{Guid.NewGuid():N}"[..12], "--token", real.AdminToken);
        var token = created.Out.Split('\n').Single(line => line.StartsWith("  berth_", StringComparison.Ordinal)).Trim();
        Assert.Equal(0, (await CliRunner.RunAsync(environment, "login", "--token", token)).ExitCode);

        var lines = Block(readme, "```sh").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            foreach (var code in Walkthrough.Code(line).Split("; "))
            {
                if (code.StartsWith("./berth ", StringComparison.Ordinal))
                {
                    var result = await CliRunner.RunAsync(environment, Arguments(code["./berth ".Length..]));
                    Assert.True(result.ExitCode == 0, $"`{code}` exited with {result.ExitCode}:\n{result.Out}{result.Error}");
                }
                else if (code.StartsWith("curl ", StringComparison.Ordinal))
                {
                    await CurlAsync(code, Walkthrough.Comment(line));
                }
                else
                {
                    await BashAsync(code);
                }
            }
        }
    }

    /// <summary>The text of the first fenced block opened by <paramref name="fence"/> after the section's heading.</summary>
    private static string Block(string readme, string fence)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.IndexOf(lines, Heading);
        Assert.True(heading >= 0, $"README.md has no line '{Heading}'");
        var open = Array.FindIndex(lines, heading, line => line == fence);
        var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, line => line.StartsWith("```", StringComparison.Ordinal));
        Assert.True(close > open, $"the section '{Heading}' has no {fence} block");
        return string.Join('\n', lines[(open + 1)..close]) + "\n";
    }

    private static string WithoutLeadingComments(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').SkipWhile(line => line.StartsWith('#')));

    /// <summary>The command's words; a compose file named with <c>-f</c> is found in the folder the commands run in.</summary>
    private string[] Arguments(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i - 1] == "-f")
            {
                words[i] = Path.Combine(_folder.Path, words[i]);
            }
        }

        return words;
    }

    /// <summary>A curl of a service through the gateway answers what the line's comment says, once the gateway routes it.</summary>
    private async Task CurlAsync(string code, string expected)
    {
        var url = new Uri(code["curl ".Length..].Trim());
        var through = new Uri(new Uri(real.Server.GatewayUrl!), url.PathAndQuery);
        var deadline = DateTime.UtcNow + RouteLimit;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, through);
            request.Headers.Host = url.Host;
            using var response = await _gateway.SendAsync(request, TestContext.Current.CancellationToken);
            last = $"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Trim()}";
            if (last == $"200 {expected}")
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"`{code}` should answer \"{expected}\" but answered: {last}");
    }

    /// <summary>Any other line, as the user's shell runs it in the folder.</summary>
    private async Task BashAsync(string code)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", code])
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(bash.ExitCode == 0, $"`{code}` exited with {bash.ExitCode}:\n{await output}{await error}");
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _folder.Dispose();
    }
}
