namespace Berth.ZooKeeper.Tests;

/// <summary>The ZooKeeper that scripts/start-zookeeper.sh runs, shared by every test here and in other projects.</summary>
public static class TestZooKeeper
{
    public const int Port = 2181;
    public const string Server = "127.0.0.1:2181";

    /// <summary>Short, so expiry tests are quick; the server's minimum is 1 s.</summary>
    public static readonly TimeSpan ShortSession = TimeSpan.FromSeconds(2);

    /// <summary>How long a test waits for something that should happen within a session timeout or so.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static Task<ZooKeeperClient> ConnectAsync(string connectString, TimeSpan? sessionTimeout = null) =>
        ZooKeeperClient.ConnectAsync(
            new ZooKeeperClientOptions { ConnectString = connectString, SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10) },
            TestContext.Current.CancellationToken);

    /// <summary>Completes when <paramref name="client"/> reports <paramref name="state"/>; call it before causing the change.</summary>
    public static Task WhenStateAsync(ZooKeeperClient client, ZooKeeperState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, changed) =>
        {
            if (changed == state)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
