using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// One-shot services: those another service waits for with <c>service_completed_successfully</c>. They run once to
/// completion, so they need no port, and what only makes sense for a server (routes, several replicas) is refused.
/// Every other service must name its HTTP port, which its health is checked on.
/// </summary>
internal sealed partial class ComposeReader
{
    private List<ComposeService> CheckOneShots(YamlMappingNode services, List<ComposeService> read)
    {
        var oneShots = read.SelectMany(s => s.DependsOn)
            .Where(d => d.Condition == DependencyCondition.CompletedSuccessfully)
            .Select(d => d.Service)
            .ToHashSet(StringComparer.Ordinal);
        var checkedServices = new List<ComposeService>(read.Count);
        foreach (var service in read)
        {
            var at = KeyNode(services, service.Name);
            if (!oneShots.Contains(service.Name))
            {
                if (service.Port == 0)
                {
                    Error(at, $"service '{service.Name}' names no port in 'ports' or 'expose': Berth checks a service's health over HTTP on that port");
                }

                checkedServices.Add(service);
                continue;
            }

            if (service.Published)
            {
                Error(at, $"service '{service.Name}' runs to completion (a service waits for it with service_completed_successfully), so it is not routed: it cannot have 'ports'");
            }

            if (service.Replicas != 1)
            {
                Error(at, $"service '{service.Name}' runs to completion (a service waits for it with service_completed_successfully), so it runs once: deploy.replicas must be 1");
            }

            checkedServices.Add(service with { OneShot = true });
        }

        return checkedServices;
    }
}
