namespace Berth.Core.Runtime;

/// <summary>Tells whether an engine answers at all: the heartbeat of a host.</summary>
public interface IEngineHeartbeat
{
    /// <summary>Completes when the engine answered its ping; throws when it did not.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
