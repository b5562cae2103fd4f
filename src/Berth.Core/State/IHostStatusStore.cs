namespace Berth.Core.State;

/// <summary>Which hosts stopped answering their heartbeats, so no control plane places instances on them.</summary>
public interface IHostStatusStore
{
    /// <summary>Marks the host down since <paramref name="since"/>; marking a down host again keeps the first time.</summary>
    Task MarkHostDownAsync(string hostName, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Marks the host up again; false when it was not down.</summary>
    Task<bool> MarkHostUpAsync(string hostName, CancellationToken cancellationToken);

    /// <summary>Every host marked down, with the time it went down.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListDownHostsAsync(CancellationToken cancellationToken);
}
