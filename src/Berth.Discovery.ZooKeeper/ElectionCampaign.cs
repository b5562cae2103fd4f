using System.Globalization;
using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// One candidate's campaign, the classic ZooKeeper recipe: an ephemeral sequential node under the election, the lowest
/// sequence leads, and every other candidate watches only the node just before its own (no herd when the leader goes).
/// </summary>
internal sealed class ElectionCampaign(
    ZooKeeperSession session,
    DiscoveryAcls acls,
    string election,
    string electionPath,
    string candidate,
    TimeSpan ttl,
    ILogger logger,
    TimeProvider time,
    Action<IAsyncDisposable> released)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits for the lead; null when the session expired first (the caller campaigns again on a new one).</summary>
    public async Task<ElectionCandidacy?> RunAsync(CancellationToken cancellationToken)
    {
        var client = await session.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var node = await EnterAsync(client, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                try
                {
                    if (await WaitForTurnAsync(client, node, cancellationToken).ConfigureAwait(false) is not { } leading)
                    {
                        return null;
                    }

                    if (leading)
                    {
                        var candidacy = new ElectionCandidacy(session, client, node, election, candidate, ttl, logger, time, released);
                        await candidacy.WatchNodeAsync(cancellationToken).ConfigureAwait(false);
                        DiscoveryLog.Elected(logger, candidate, election);
                        return candidacy;
                    }
                }
                catch (ConnectionLossException)
                {
                    await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (SessionExpiredException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates the candidate's node. Its name carries a unique token, so that after a lost connection the node can be
    /// found again instead of created twice (a create whose reply was lost may still have happened).
    /// </summary>
    private async Task<string> EnterAsync(ZooKeeperClient client, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var data = ZNodes.Encode(candidate);
        while (true)
        {
            try
            {
                var created = await ZNodes.CreateAsync(
                    client, $"{electionPath}/c-{token}-", data, acls, CreateMode.EphemeralSequential, cancellationToken).ConfigureAwait(false);
                return created.Path;
            }
            catch (ConnectionLossException)
            {
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                var names = await ZNodes.ChildrenAsync(client, electionPath, cancellationToken).ConfigureAwait(false);
                if (names.FirstOrDefault(name => name.Contains(token, StringComparison.Ordinal)) is { } mine)
                {
                    return ZNodes.Child(electionPath, mine);
                }
            }
        }
    }

    /// <summary>True when <paramref name="node"/> is the lowest; false after its predecessor went (look again); null when it is gone.</summary>
    private async Task<bool?> WaitForTurnAsync(ZooKeeperClient client, string node, CancellationToken cancellationToken)
    {
        var names = (await ZNodes.ChildrenAsync(client, electionPath, cancellationToken).ConfigureAwait(false))
            .Select(name => (Name: name, Sequence: Sequence(name)))
            .Where(entry => entry.Sequence >= 0)
            .OrderBy(entry => entry.Sequence)
            .Select(entry => entry.Name)
            .ToList();
        var index = names.IndexOf(node[(electionPath.Length + 1)..]);
        if (index < 0)
        {
            return null;
        }

        if (index == 0)
        {
            return true;
        }

        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var predecessor = ZNodes.Child(electionPath, names[index - 1]);
        if (await client.ExistsAsync(predecessor, _ => gone.TrySetResult(), cancellationToken).ConfigureAwait(false) is not null)
        {
            await gone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return client.State == ZooKeeperState.Expired ? null : false;
    }

    /// <summary>The 10-digit counter ZooKeeper appended to a candidate node's name; -1 for nodes that are not candidates.</summary>
    private static long Sequence(string name) =>
        name.StartsWith("c-", StringComparison.Ordinal) && name.Length > 12 &&
        long.TryParse(name.AsSpan(name.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : -1;
}
