using System.CommandLine;
using Berth.Client;

namespace Berth.Cli.Tests;

/// <summary>
/// A <c>berth</c> command that follows (<c>-f</c>) run in the background: its output can be read while it runs, and
/// it is stopped as Ctrl-C stops it.
/// </summary>
internal sealed class FollowingCommand : IAsyncDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly TextWriter _syncOutput;
    private readonly TextWriter _syncError;
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Task<int> _running;

    public FollowingCommand(ClientEnvironment environment, params string[] args)
    {
        _syncOutput = TextWriter.Synchronized(_output);
        _syncError = TextWriter.Synchronized(_error);
        RootCommand root = ClientCommands.CreateRoot(environment);
        var configuration = new InvocationConfiguration { Output = _syncOutput, Error = _syncError };
        _running = Task.Run(() => ClientCommands.InvokeAsync(root, args, configuration, _stop.Token));
    }

    /// <summary>What it printed so far.</summary>
    public string Out
    {
        get
        {
            // The synchronized writer locks itself while writing.
            lock (_syncOutput)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What it complained about so far.</summary>
    public string Error
    {
        get
        {
            lock (_syncError)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Waits until its output holds <paramref name="text"/>; fails naming what it printed after <paramref name="limit"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan limit)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (!Out.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_running.IsCompleted, $"the command ended ({(_running.IsCompletedSuccessfully ? _running.Result : -1)}) before printing '{text}':\n{Out}{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' not printed within {limit.TotalSeconds} s:\n{Out}{Error}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until it ends by itself and returns its exit code.</summary>
    public Task<int> ExitAsync() => _running.WaitAsync(TestContext.Current.CancellationToken);

    /// <summary>Stops it as Ctrl-C would.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as Ctrl-C stops it.
        }

        _stop.Dispose();
    }
}
