using Berth.Core.Apps;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>One service: its keys one by one, then the checks that need several of them.</summary>
internal sealed partial class ComposeReader
{
    /// <summary>
    /// Keys refused even when ignored keys are allowed: running without them would run something else than the
    /// file asks (a build), or they would give a tenant's container the host (privileges, devices, host namespaces).
    /// </summary>
    private static readonly Dictionary<string, string> RefusedKeys = new(StringComparer.Ordinal)
    {
        ["build"] = "Berth runs images from its registry: push the image and name it in 'image'",
        ["privileged"] = "containers never run privileged on Berth",
        ["devices"] = "containers get no host devices on Berth",
        ["network_mode"] = "services join the project's own network on Berth",
        ["cap_add"] = "containers get no extra capabilities on Berth",
        ["pid"] = "containers never share the host's process namespace on Berth",
        ["ipc"] = "containers never share an IPC namespace on Berth",
        ["userns_mode"] = "containers keep their user namespace on Berth",
        ["security_opt"] = "containers keep Berth's security options",
        ["volumes_from"] = "services share data through named volumes on Berth",
    };

    private ComposeService? ReadService(YamlScalarNode nameNode, YamlNode node, List<string> volumes)
    {
        var name = nameNode.Value!;
        if (!AppId.IsValid(name))
        {
            Error(nameNode, $"service '{name}': names must be DNS labels: lowercase letters, digits and hyphens, not starting or ending with a hyphen");
            return null;
        }

        if (!ValidAppId(name))
        {
            Error(nameNode, $"service '{name}': its app id '{options.ProjectName}-{name}' must be at most 40 characters");
            return null;
        }

        if (Mapping(node, $"service '{name}'") is not { } definition)
        {
            return null;
        }

        var errorsBefore = Errors.Count;
        var service = new ServiceDraft(name);
        foreach (var (key, value) in Entries(definition))
        {
            ReadServiceKey(service, key, value, volumes);
        }

        if (service.Image is null && !definition.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value is "image" or "build"))
        {
            Error(nameNode, $"service '{name}' has no 'image'");
        }

        if (Errors.Count != errorsBefore)
        {
            return null;
        }

        var built = service.Build();
        CheckBaseImage(nameNode, built);
        return Errors.Count == errorsBefore ? built : null;
    }

    private void ReadServiceKey(ServiceDraft service, YamlScalarNode key, YamlNode value, List<string> volumes)
    {
        var at = $"service '{service.Name}': '{key.Value}'";
        switch (key.Value)
        {
            case "image":
                ReadImage(service, value, at);
                break;
            case "environment":
                ReadEnvironment(service, value, at);
                break;
            case "env_file":
                Error(key, $"{at} must be resolved by the client: 'berth projects deploy' reads the files and sends their variables in 'environment'");
                break;
            case "command":
                service.Command = ReadCommand(value, at);
                break;
            case "depends_on":
                service.DependsOn = ReadDependsOn(value, at, service.Name);
                break;
            case "healthcheck":
                service.HealthCheck = ReadHealthCheck(value, at, service.Name);
                break;
            case "deploy":
                ReadDeploy(service, value, at);
                break;
            case "ports":
                ReadPorts(service, value, at, published: true);
                break;
            case "expose":
                ReadPorts(service, value, at, published: false);
                break;
            case "volumes":
                service.Volumes = ReadMounts(value, at, volumes);
                break;
            case "labels":
                service.Labels = ReadLabels(value, at);
                break;
            case "x-berth":
                service.Berth = ReadBerth(value, at);
                break;
            default:
                if (RefusedKeys.TryGetValue(key.Value!, out var reason))
                {
                    Error(key, $"{at} is refused: {reason}");
                }
                else if (!key.Value!.StartsWith("x-", StringComparison.Ordinal))
                {
                    Unsupported(key, $"{at} is not supported by Berth");
                }

                break;
        }
    }

    private void ReadImage(ServiceDraft service, YamlNode value, string at)
    {
        if (Scalar(value, at) is not { } text)
        {
            return;
        }

        if (ImageName.Parse(text) is { } image)
        {
            (service.Image, service.Tag) = image;
        }
        else
        {
            Error(value, $"{at} must be a repository of Berth's registry with an optional tag, such as 'hello:v1' or 'base/redis' (no registry host, no digest)");
        }
    }
}
