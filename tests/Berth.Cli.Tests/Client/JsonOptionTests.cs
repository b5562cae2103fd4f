using System.CommandLine;
using Berth.Client;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// Every command of the berth executable that runs something takes <c>--json</c>, so a script can rely on it anywhere;
/// the few that print no API answer are named below with the reason. A new command without <c>--json</c> fails here.
/// </summary>
public sealed class JsonOptionTests
{
    /// <summary>The commands without <c>--json</c>, each with why it has none.</summary>
    private static readonly Dictionary<string, string> WithoutJson = new(StringComparer.Ordinal)
    {
        ["berth logs"] = "streams the containers' own lines as they write them (-f until Ctrl-C), not an API object",
        ["berth services logs"] = "prints the database server's own output, which the API answers as text",
        ["berth login"] = "checks a token and saves it on this machine; it prints only where it saved it",
        ["berth logout"] = "removes the saved login on this machine without asking the API",
        ["berth completion"] = "prints a shell script for the shell to load",
        ["berth up"] = "runs Berth in the foreground until Ctrl-C",
        ["berth server"] = "runs a control plane in the foreground until Ctrl-C",
        ["berth gateway"] = "runs a gateway in the foreground until Ctrl-C",
        ["berth config check"] = "prints the effective settings as JSON already",
    };

    [Fact]
    public void CommandTree_EveryCommandThatRuns_TakesJsonUnlessAllowedWithout()
    {
        string[] missing = [.. Commands(Root())
            .Where(c => c.Command.Action is not null && !TakesJson(c.Command) && !WithoutJson.ContainsKey(c.Path))
            .Select(c => c.Path)];

        Assert.True(missing.Length == 0, $"give these commands --json (ClientContext.SetAnswerAction) or a reason in {nameof(WithoutJson)}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void AllowList_EachEntry_IsACommandThatRunsWithoutJson()
    {
        // An entry whose command was renamed, removed or given --json would let a new command of that name through unnoticed.
        var commands = Commands(Root()).ToDictionary(c => c.Path, c => c.Command, StringComparer.Ordinal);

        Assert.All(WithoutJson.Keys, path =>
        {
            Assert.True(commands.TryGetValue(path, out Command? command), $"{path} is not a command");
            Assert.True(command.Action is not null && !TakesJson(command), $"{path} takes --json or runs nothing: take it off the list");
        });
    }

    /// <summary>The tree as the executable builds it; building reads nothing from the environment.</summary>
    private static RootCommand Root() => BerthCommandLine.Create(new ClientEnvironment(new Dictionary<string, string>(), Path.GetTempPath(), Path.GetTempPath()));

    private static bool TakesJson(Command command) => command.Options.Any(option => option.Name == "--json");

    /// <summary>Every command below <paramref name="parent"/>, depth first, with its path such as <c>berth hosts add</c>.</summary>
    private static IEnumerable<(string Path, Command Command)> Commands(Command parent, string path = "berth")
    {
        foreach (Command command in parent.Subcommands)
        {
            string named = $"{path} {command.Name}";
            yield return (named, command);
            foreach (var below in Commands(command, named))
            {
                yield return below;
            }
        }
    }
}
