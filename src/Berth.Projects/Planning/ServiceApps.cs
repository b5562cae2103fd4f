using Berth.Core.Apps;
using Berth.Core.Runtime;
using Berth.Projects.Compose;

namespace Berth.Projects.Planning;

/// <summary>How a compose service becomes an app of the tenant: <c>{project}-{service}</c>, versions <c>r{revision}</c>.</summary>
public static class ServiceApps
{
    public static string IdOf(string project, string service) => $"{project}-{service}";

    /// <summary>The version a revision deploys a service as; only a service that changed gets its revision's.</summary>
    public static string VersionOf(int revision) => $"r{revision}";

    /// <summary>The app a service is: its definition, with no version running yet.</summary>
    public static App For(string tenant, string project, ComposeService service, DateTimeOffset now)
    {
        var defaults = new HealthCheckSpec();
        var check = service.HealthCheck;
        return new App
        {
            Id = IdOf(project, service.Name),
            Tenant = tenant,
            Image = service.Image,
            Port = service.Port,
            MemoryMb = service.MemoryMb ?? 512,
            CpuShares = service.CpuShares ?? 1024,
            Env = service.Environment,
            HealthCheck = new HealthCheckSpec
            {
                Path = check?.Path ?? defaults.Path,
                IntervalSeconds = check?.IntervalSeconds ?? defaults.IntervalSeconds,
                TimeoutSeconds = check?.TimeoutSeconds ?? defaults.TimeoutSeconds,
                Retries = check?.Retries ?? defaults.Retries,
                StartSeconds = check?.StartSeconds ?? defaults.StartSeconds,
                Server = service.Server,
            },
            Placement = service.Berth.Strategy is null && service.Berth.Constraints.Count == 0
                ? AppPlacement.Default
                : new AppPlacement { Strategy = service.Berth.Strategy, Constraints = service.Berth.Constraints },
            CreatedAt = now,
            Project = new ProjectService
            {
                Project = project,
                Service = service.Name,
                ImageTag = service.Tag,
                Command = service.Command,
                Volumes = [.. service.Volumes.Select(v => new VolumeMount(v.Volume, v.Target, v.ReadOnly))],
                Labels = service.Labels,
                Published = service.Published,
            },
        };
    }

    /// <summary>
    /// <paramref name="current"/> with the definition of <paramref name="definition"/>, which <paramref name="version"/>
    /// rolls out: when it changes the health check, the running versions keep theirs until they are retired.
    /// </summary>
    public static App WithDefinition(App current, App definition, string version)
    {
        var next = WithDefinition(current, definition);
        return current.HealthCheck == definition.HealthCheck
            ? next
            : next with { Project = next.Project! with { EarlierHealthCheck = current.HealthCheck, HealthCheckVersion = version } };
    }

    /// <summary>
    /// <paramref name="current"/> with the definition of <paramref name="definition"/>: what runs, its versions and
    /// counts stay as they are, so the deployment that follows rolls from them.
    /// </summary>
    public static App WithDefinition(App current, App definition) => current with
    {
        Image = definition.Image,
        Port = definition.Port,
        MemoryMb = definition.MemoryMb,
        CpuShares = definition.CpuShares,
        Env = definition.Env,
        HealthCheck = definition.HealthCheck,
        Placement = definition.Placement,
        Project = definition.Project,
    };
}
