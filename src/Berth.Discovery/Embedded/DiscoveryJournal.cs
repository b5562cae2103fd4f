using System.Text.Json;
using Berth.Core.Discovery;

namespace Berth.Discovery.Embedded;

/// <summary>
/// Makes the embedded store survive restarts: every durable write is appended to a journal file, and on
/// open the journal is replayed (then compacted) into a fresh store. Liveness records and elections are
/// left out on purpose: they belong to processes that are gone after a restart.
/// </summary>
public sealed class DiscoveryJournal : IDiscoveryStore, IDisposable
{
    private static readonly string[] TransientPrefixes = [DiscoveryKeys.Root + "members/", DiscoveryKeys.Root + "election/"];
    private readonly EmbeddedDiscoveryStore _store;
    private readonly StreamWriter _journal;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private DiscoveryJournal(EmbeddedDiscoveryStore store, StreamWriter journal)
    {
        _store = store;
        _journal = journal;
    }

    /// <summary>The store behind the journal, for the abilities the journal does not wrap.</summary>
    public EmbeddedDiscoveryStore Store => _store;

    /// <summary>Replays <paramref name="path"/> into <paramref name="store"/> (which must be empty), compacts it, and journals from then on.</summary>
    public static async Task<DiscoveryJournal> OpenAsync(string path, EmbeddedDiscoveryStore store, CancellationToken cancellationToken)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                // A crash can cut the last line short; everything before it is whole.
                if (TryParse(line, out var record))
                {
                    Apply(state, record);
                }
            }
        }

        var compacted = path + ".compact";
        await File.WriteAllLinesAsync(compacted, state.Select(kv => Serialize(new JournalRecord("put", kv.Key, kv.Value))), cancellationToken);
        File.Move(compacted, path, overwrite: true);
        foreach (var (key, value) in state)
        {
            await store.PutAsync(key, value, cancellationToken);
        }

        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        return new DiscoveryJournal(store, writer);
    }

    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken) =>
        WriteAsync(key, () => _store.PutAsync(key, value, cancellationToken), new JournalRecord("put", key, value), cancellationToken);

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        await WriteAsync(key, async () => await _store.DeleteAsync(key, cancellationToken) ? 1L : 0L, new JournalRecord("delete", key, null), cancellationToken) == 1;

    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken) => _store.GetPrefixAsync(prefix, cancellationToken);

    public IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) =>
        _store.WatchAsync(prefix, afterRevision, cancellationToken);

    public void Dispose()
    {
        _journal.Dispose();
        _gate.Dispose();
    }

    /// <summary>One writer at a time, so the journal holds the writes in the store's order.</summary>
    private async Task<long> WriteAsync(string key, Func<Task<long>> write, JournalRecord record, CancellationToken cancellationToken)
    {
        if (TransientPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return await write();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = await write();
            if (record.Op == "put" || result == 1)
            {
                await _journal.WriteLineAsync(Serialize(record));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Apply(SortedDictionary<string, string> state, JournalRecord record)
    {
        if (record.Op == "put" && record.Value is not null)
        {
            state[record.Key] = record.Value;
        }
        else if (record.Op == "delete")
        {
            state.Remove(record.Key);
        }
    }

    private static string Serialize(JournalRecord record) => JsonSerializer.Serialize(record, JournalJson.Default.JournalRecord);

    private static bool TryParse(string line, out JournalRecord record)
    {
        record = null!;
        try
        {
            record = JsonSerializer.Deserialize(line, JournalJson.Default.JournalRecord)!;
            return record is { Key.Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
