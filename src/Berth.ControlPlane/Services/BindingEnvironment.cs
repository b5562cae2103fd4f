using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Discovery.Config;

namespace Berth.ControlPlane.Services;

/// <summary>
/// The variables of an app's bindings, for each new container: on the service's own host the service is reached by its
/// container name on the tenant's network; from another host (or from a project's network, which the service is not on)
/// through its published port on its host's advertise address.
/// </summary>
internal sealed class BindingEnvironment(IServiceStore services, SecretProtector protector) : IInstanceEnvironment
{
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>();
        foreach (var binding in await services.ListBindingsAsync(null, app.Id, cancellationToken))
        {
            if (await services.GetServiceAsync(binding.ServiceId, cancellationToken) is not { } service)
            {
                continue;
            }

            var local = instance.HostName == service.HostName && app.Project is null;
            var password = protector.Unprotect(binding.SealedPassword, ServiceBindings.SecretPath(binding));
            foreach (var (key, value) in BindingVariables.For(
                service,
                binding.Prefix,
                local ? service.ContainerName : service.HostIp,
                local ? service.Kind.Port : service.HostPort,
                binding.User,
                password))
            {
                variables[key] = value;
            }
        }

        return variables;
    }
}
