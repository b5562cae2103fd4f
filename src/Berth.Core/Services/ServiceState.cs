namespace Berth.Core.Services;

/// <summary>Where a managed service stands, as Berth last saw it.</summary>
public enum ServiceState
{
    /// <summary>Its host and port are chosen; the container is being made and started.</summary>
    Creating,
    /// <summary>The server answers its protocol's health check.</summary>
    Running,
    /// <summary>The container runs but the server does not answer, or it stopped and is being started again.</summary>
    Unhealthy,
    /// <summary>Its host does not answer: the service stays there (its data is there) until the host is back.</summary>
    Down,
    /// <summary>It could not be started; the reason says why.</summary>
    Failed,
    /// <summary>A delete has begun: nothing starts it again.</summary>
    Deleting,
    /// <summary>A move to another host has begun: its data goes over through a backup; nothing starts it again meanwhile.</summary>
    Moving,
}
