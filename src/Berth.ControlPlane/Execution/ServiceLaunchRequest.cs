using Berth.Core.Services;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// What a decider asks the <see cref="PlanExecutor"/> to run for a managed service: its one container on the host it was
/// placed on, with its data volume, healthy by its server's own protocol and never registered in discovery (the
/// gateway never routes to a service).
/// </summary>
/// <param name="Service">The placed service (host, address, port); its container is made again when gone.</param>
/// <param name="Env">The container's environment (the server's administrator password, to initialise and open it).</param>
/// <param name="Ping">The protocol's health check (a query, a ping, <c>PING</c>): completes when the server answers, throws otherwise.</param>
public sealed record ServiceLaunchRequest(
    ManagedService Service,
    IReadOnlyDictionary<string, string> Env,
    Func<ManagedService, CancellationToken, Task> Ping);
