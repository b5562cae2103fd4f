using System.CommandLine;
using Berth.Client;

namespace Berth.Cli.Tests;

/// <summary>
/// A <c>berth</c> command that follows (<c>-f</c>) run in the background: its output can be read while it runs, and
/// it is stopped as Ctrl-C stops it.
/// </summary>
internal sealed class FollowingCommand : IAsyncDisposable
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private readonly TextWriter syncOutput;
    private readonly TextWriter syncError;
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Task<int> running;

    public FollowingCommand(ClientEnvironment environment, params string[] args)
    {
        syncOutput = TextWriter.Synchronized(output);
        syncError = TextWriter.Synchronized(error);
        RootCommand root = ClientCommands.CreateRoot(environment);
        var configuration = new InvocationConfiguration { Output = syncOutput, Error = syncError };
        running = Task.Run(() => ClientCommands.InvokeAsync(root, args, configuration, stop.Token));
    }

    /// <summary>What it printed so far.</summary>
    public string Out
    {
        get
        {
            // The synchronized writer locks itself while writing.
            lock (syncOutput)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>What it complained about so far.</summary>
    public string Error
    {
        get
        {
            lock (syncError)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Waits until its output holds <paramref name="text"/>; fails naming what it printed after <paramref name="limit"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan limit)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (!Out.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(running.IsCompleted, $"the command ended ({(running.IsCompletedSuccessfully ? running.Result : -1)}) before printing '{text}':\n{Out}{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' not printed within {limit.TotalSeconds} s:\n{Out}{Error}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until it ends by itself and returns its exit code.</summary>
    public Task<int> ExitAsync() => running.WaitAsync(TestContext.Current.CancellationToken);

    /// <summary>Stops it as Ctrl-C would.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as Ctrl-C stops it.
        }

        stop.Dispose();
    }
}
