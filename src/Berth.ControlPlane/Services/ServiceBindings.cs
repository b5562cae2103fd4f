using Berth.ControlPlane.Deployments;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.Discovery.Config;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Binds apps to services and unbinds them. A bind makes a user of its own on the server (rights on the service's
/// database only), records the binding with the password sealed, then rolls the app out again so every container gets
/// the variables; an unbind rolls it out without them first and only then drops the user, so no container still using
/// it is cut off and a connection string copied before fails afterwards.
/// </summary>
internal sealed partial class ServiceBindings(
    IServiceStore services,
    IStateStore store,
    ServiceLauncher launcher,
    SecretProtector protector,
    DeploymentCoordinator coordinator,
    DeploymentRunner runner,
    ServiceEvents events,
    TimeProvider time,
    ILogger<ServiceBindings> logger)
{
    /// <summary>Where a binding's password is sealed to: a sealed value copied to another binding fails to open.</summary>
    public static string SecretPath(ServiceBinding binding) => $"/caas/services/{binding.ServiceId}/bindings/{binding.AppId}";

    /// <exception cref="BindingRefusedException">The service is not running, the app is bound already, runs a canary or is global, or the name is taken.</exception>
    public async Task<BindingOutcome> BindAppAsync(ManagedService service, App app, string? name, CancellationToken cancellationToken)
    {
        if (service.State != ServiceState.Running)
        {
            throw new BindingRefusedException($"service '{service.Id}' is {service.State.ToString().ToLowerInvariant()}: it must be running to be bound");
        }

        RefuseRollout(app);
        var existing = await services.ListBindingsAsync(null, app.Id, cancellationToken);
        if (existing.Any(b => b.ServiceId == service.Id))
        {
            throw new BindingRefusedException($"app '{app.Id}' is bound to service '{service.Id}' already");
        }

        var prefix = BindingVariables.Choose(service.Type, name, [.. existing.Select(b => b.Prefix)])
            ?? throw new ArgumentException("the name must be a letter, then letters, digits or '_', at most 32", nameof(name));
        if (existing.Any(b => b.Prefix == prefix))
        {
            throw new BindingRefusedException($"app '{app.Id}' has a binding named {prefix} already: choose another with --as");
        }

        var binding = new ServiceBinding { ServiceId = service.Id, AppId = app.Id, Prefix = prefix, User = Passwords.NewUser("berth_"), SealedPassword = "" };
        var password = Passwords.New();
        binding = binding with { SealedPassword = protector.Protect(password, SecretPath(binding)) };
        var admin = ServiceAdmins.For(service.Type);
        await admin.CreateUserAsync(launcher.AddressOf(service), service, binding.User, password, cancellationToken);
        try
        {
            await services.AddBindingAsync(binding, cancellationToken);
        }
        catch (ConflictException e)
        {
            await admin.DropUserAsync(launcher.AddressOf(service), service, binding.User, CancellationToken.None);
            throw new BindingRefusedException(e.Message);
        }

        var rollout = await RestartAsync(app.Id);
        await events.RecordAsync(service, AppEventType.Bound, $"bound to app {app.Id} as {prefix}_* (user {binding.User}){Rolled(rollout)}");
        LogBound(logger, service.Id, app.Id, prefix);
        return new BindingOutcome(binding, rollout);
    }

    /// <summary>Rolls the app out without the binding's variables, then drops its user.</summary>
    /// <exception cref="KeyNotFoundException">The app is not bound to the service.</exception>
    /// <exception cref="BindingRefusedException">The app runs a canary or is global.</exception>
    public async Task<BindingOutcome> UnbindAppAsync(ManagedService service, App app, CancellationToken cancellationToken)
    {
        var binding = (await services.ListBindingsAsync(service.Id, app.Id, cancellationToken)).FirstOrDefault()
            ?? throw new KeyNotFoundException($"app '{app.Id}' is not bound to service '{service.Id}'");
        RefuseRollout(app);
        await services.DeleteBindingAsync(service.Id, app.Id, cancellationToken);
        var rollout = await RestartAsync(app.Id);
        await RevokeAsync(service, binding);
        await events.RecordAsync(service, AppEventType.Unbound, $"unbound from app {app.Id}: {binding.Prefix}_* removed, user {binding.User} dropped{Rolled(rollout)}");
        return new BindingOutcome(binding, rollout);
    }

    /// <summary>Drops every binding of an app being deleted (its containers are gone already) and their users.</summary>
    public async Task DropForAppAsync(string appId, CancellationToken cancellationToken)
    {
        foreach (var binding in await services.ListBindingsAsync(null, appId, cancellationToken))
        {
            await services.DeleteBindingAsync(binding.ServiceId, appId, cancellationToken);
            if (await services.GetServiceAsync(binding.ServiceId, cancellationToken) is not { } service)
            {
                continue;
            }

            try
            {
                await RevokeAsync(service, binding);
                await events.RecordAsync(service, AppEventType.Unbound, $"app {appId} was deleted: user {binding.User} dropped");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The app is gone either way; the user is left on a server that does not answer, and said so.
                await events.RecordAsync(service, AppEventType.Unbound, $"app {appId} was deleted, but user {binding.User} could not be dropped: {e.Message}");
            }
        }
    }

    /// <summary>Drops the users of every binding of the service, keeping the bindings: their apps are cut off until <see cref="RegrantAsync"/>.</summary>
    public async Task SuspendAsync(ManagedService service, CancellationToken cancellationToken)
    {
        foreach (var binding in await services.ListBindingsAsync(service.Id, null, cancellationToken))
        {
            await ServiceAdmins.For(service.Type).DropUserAsync(launcher.AddressOf(service), service, binding.User, cancellationToken);
        }
    }

    /// <summary>Makes every binding's user again on the service's server, with the password its apps hold.</summary>
    public async Task RegrantAsync(ManagedService service, CancellationToken cancellationToken)
    {
        foreach (var binding in await services.ListBindingsAsync(service.Id, null, cancellationToken))
        {
            var password = protector.Unprotect(binding.SealedPassword, SecretPath(binding));
            await ServiceAdmins.For(service.Type).CreateUserAsync(launcher.AddressOf(service), service, binding.User, password, cancellationToken);
        }
    }

    /// <summary>Rolls every app bound to the service out again, so their containers get its address as it is now.</summary>
    public async Task<IReadOnlyList<Deployment>> RolloutBoundAppsAsync(ManagedService service, CancellationToken cancellationToken)
    {
        var rollouts = new List<Deployment>();
        foreach (var binding in await services.ListBindingsAsync(service.Id, null, cancellationToken))
        {
            if (await RestartAsync(binding.AppId) is { } rollout)
            {
                rollouts.Add(rollout);
            }
        }

        return rollouts;
    }

    private Task RevokeAsync(ManagedService service, ServiceBinding binding) =>
        ServiceAdmins.For(service.Type).DropUserAsync(launcher.AddressOf(service), service, binding.User, CancellationToken.None);

    /// <summary>
    /// A rolling restart of the app's active version, under the app's lock so it never interleaves with a deploy; it runs
    /// to its end even when the caller leaves, since the credentials' fate waits on it. Null when the app runs nothing.
    /// </summary>
    private async Task<Deployment?> RestartAsync(string appId)
    {
        Deployment? deployment = null;
        await coordinator.RunExclusiveAsync(appId, async token =>
        {
            if (await store.GetAppAsync(appId, token) is not { ActiveVersion: { } version, Instances: > 0, Deleting: false } app)
            {
                return;
            }

            var now = time.GetUtcNow();
            deployment = new Deployment
            {
                Id = "d-" + Guid.NewGuid().ToString("N")[..12],
                AppId = app.Id,
                Version = version,
                Instances = app.Instances,
                Strategy = DeploymentStrategy.Restart,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await store.CreateDeploymentAsync(deployment, token);
            await runner.RunAsync(app.Id, deployment.Id, token);
            deployment = await store.GetDeploymentAsync(app.Id, deployment.Id, token) ?? deployment;
        }, CancellationToken.None);
        return deployment;
    }

    /// <summary>A restart would end a canary (its instances are retired with the old ones) or start nothing new for a global app.</summary>
    private static void RefuseRollout(App app)
    {
        if (app.CanaryVersion is not null)
        {
            throw new BindingRefusedException($"app '{app.Id}' runs a canary of {app.CanaryVersion}: promote or abort it first");
        }

        if (app.Placement.Global)
        {
            throw new BindingRefusedException($"app '{app.Id}' is global: bindings of global apps cannot be rolled out yet");
        }
    }

    private static string Rolled(Deployment? rollout) => rollout is null
        ? "; the app runs no instance, its next deploy gets the change"
        : $"; rolling restart {rollout.Id} {rollout.State.ToString().ToLowerInvariant()}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {ServiceId} bound to app {AppId} as {Prefix}")]
    private static partial void LogBound(ILogger logger, string serviceId, string appId, string prefix);
}
