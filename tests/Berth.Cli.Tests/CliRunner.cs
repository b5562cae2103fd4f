using System.CommandLine;
using Berth.Client;

namespace Berth.Cli.Tests;

/// <summary>Runs the berth command tree in-process, with captured output and an isolated environment.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(ClientEnvironment environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        RootCommand root = ClientCommands.CreateRoot(environment);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        int exitCode = await ClientCommands.InvokeAsync(root, args, configuration, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
