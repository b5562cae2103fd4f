using System.Text.RegularExpressions;
using Berth.Readme.Tests;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// The README's walkthrough, command by command through the CLI in this process against a real Berth (where
/// tests/Berth.Readme.Tests runs it as a script against ./run.sh): a failure names the command that failed and shows
/// its output. What ./run.sh does before the walkthrough (offer the sample image to tenants) is done first.
/// </summary>
public sealed partial class ReadmeWalkthroughCliTests(WalkthroughServer real) : IClassFixture<WalkthroughServer>, IDisposable
{
    /// <summary>How long a command that follows forever (<c>-f</c>) runs before it is stopped, as Ctrl-C would.</summary>
    private static readonly TimeSpan Follow = TimeSpan.FromSeconds(3);

    /// <summary>How long the gateway may take to route a change (its discovery watch); only a failure waits that long.</summary>
    private static readonly TimeSpan RouteLimit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _home = new();
    private readonly HttpClient _gateway = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Berth.Client.ClientEnvironment? _environment;

    [Fact]
    public async Task Walkthrough_EveryCommandThroughTheCli_EachSucceeds()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"), TestContext.Current.CancellationToken);
        var commands = Walkthrough.Commands(readme);
        Assert.NotEmpty(commands);
        // The user's shell: BERTH_URL points the commands (which name no --url) at this server.
        _environment = _home.Environment(("BERTH_URL", real.Server.ApiUrl));
        var offered = await CliRunner.RunAsync(_environment, "base-images", "add", "hello", "--token", real.AdminToken);
        Assert.True(offered.ExitCode == 0, $"offering the sample image as ./run.sh does failed: {offered.Error}");

        foreach (var line in commands)
        {
            var code = Walkthrough.Code(line);
            if (code.StartsWith("curl ", StringComparison.Ordinal))
            {
                await CurlAsync(code, Walkthrough.Comment(line));
            }
            else if (code.StartsWith("./berth ", StringComparison.Ordinal))
            {
                var (command, input) = await SplitInputAsync(code["./berth ".Length..]);
                await BerthAsync(code, await ArgumentsAsync(command), input);
            }
            else
            {
                Assert.Fail($"the walkthrough's `{code}` is neither ./berth nor curl: teach this test what it means");
            }
        }
    }

    /// <summary>Runs one <c>./berth</c> line; one that follows forever is stopped after a while, as a user would.</summary>
    private async Task BerthAsync(string code, string[] arguments, string? input)
    {
        if (!Walkthrough.Follows(code))
        {
            var result = await CliRunner.RunAsync(input is null ? _environment! : _environment! with { Input = new StringReader(input) }, arguments);
            Assert.True(result.ExitCode == 0, $"`{code}` exited with {result.ExitCode}:\n{result.Out}{result.Error}");
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();
        var root = Berth.Client.ClientCommands.CreateRoot(_environment!);
        var running = Berth.Client.ClientCommands.InvokeAsync(root, arguments, new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, stop.Token);
        var ended = await Task.WhenAny(running, Task.Delay(Follow, TestContext.Current.CancellationToken)) == running;
        Assert.False(ended, $"`{code}` should follow until stopped but ended with {(ended ? running.Result : 0)}:\n{output}{error}");
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as Ctrl-C stops it.
        }

        Assert.True(error.ToString().Length == 0, $"`{code}` complained while following:\n{error}");
    }

    /// <summary>
    /// A <c>curl</c> of an app through the gateway: the page starts with what the comment quotes (up to its first
    /// placeholder), once the gateway routes the change the previous command made.
    /// </summary>
    private async Task CurlAsync(string code, string comment)
    {
        var url = new Uri(code["curl ".Length..].Trim());
        var expected = QuotedText().Match(comment) is { Success: true } quoted ? quoted.Groups[1].Value.Split('<')[0] : "";
        var through = new Uri(new Uri(real.Server.GatewayUrl!), url.PathAndQuery);
        var deadline = DateTime.UtcNow + RouteLimit;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, through);
            request.Headers.Host = url.Host;
            using var response = await _gateway.SendAsync(request, TestContext.Current.CancellationToken);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}";
            if (response.IsSuccessStatusCode && last[4..].StartsWith(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"`{code}` should answer \"{expected}…\" but answered: {last}");
    }

    /// <summary>
    /// The line's words with each <c>"$(…)"</c> replaced by what it prints. The walkthrough uses two forms: reading the
    /// admin token file, and a <c>./berth</c> command's token line picked out with awk.
    /// </summary>
    private async Task<string[]> ArgumentsAsync(string rest)
    {
        var values = new List<string>();
        foreach (Match substitution in CommandSubstitution().Matches(rest))
        {
            values.Add(await SubstituteAsync(substitution.Groups[1].Value));
        }

        var index = 0;
        var words = CommandSubstitution().Replace(rest, _ => $"\u0001{index++}");
        return [.. words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0] == '\u0001' ? values[int.Parse(w[1..])] : w)];
    }

    /// <summary>The command without its <c>&lt; FILE</c>, and the file's text as standard input (the walkthrough reads the admin token so).</summary>
    private async Task<(string Command, string? Input)> SplitInputAsync(string rest)
    {
        var at = rest.IndexOf(" < ", StringComparison.Ordinal);
        if (at < 0)
        {
            return (rest, null);
        }

        var file = rest[(at + 3)..].Trim();
        Assert.True(file == "data/admin.token", $"the walkthrough's `< {file}` is a form this test does not know: teach it");
        return (rest[..at], await File.ReadAllTextAsync(Path.Combine(real.DataDirectory, "admin.token"), TestContext.Current.CancellationToken));
    }

    private async Task<string> SubstituteAsync(string inner)
    {
        if (inner == "cat data/admin.token")
        {
            return (await File.ReadAllTextAsync(Path.Combine(real.DataDirectory, "admin.token"), TestContext.Current.CancellationToken)).Trim();
        }

        var pipe = inner.Split(" | awk '/^  berth_/ {print $1}'");
        Assert.True(pipe.Length == 2 && pipe[0].StartsWith("./berth ", StringComparison.Ordinal), $"the walkthrough's `$({inner})` is a form this test does not know: teach it");
        var command = pipe[0]["./berth ".Length..];
        var result = await CliRunner.RunAsync(_environment!, command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(result.ExitCode == 0, $"`{pipe[0]}` exited with {result.ExitCode}:\n{result.Out}{result.Error}");
        var token = result.Out.Split('\n').FirstOrDefault(l => l.StartsWith("  berth_", StringComparison.Ordinal))?.Trim().Split(' ')[0];
        Assert.True(token is not null, $"`{pipe[0]}` printed no line starting '  berth_' for awk to pick:\n{result.Out}");
        return token;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Berth.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("no Berth.slnx above the test's folder");
    }

    [GeneratedRegex("\"\\$\\((.*?)\\)\"")]
    private static partial Regex CommandSubstitution();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedText();

    public void Dispose()
    {
        _gateway.Dispose();
        _home.Dispose();
    }
}
