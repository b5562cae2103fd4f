using System.Globalization;
using Berth.Core.Runtime;
using Docker.DotNet.Models;
using ContainerSpec = Berth.Core.Runtime.ContainerSpec;

namespace Berth.Runtime.Docker;

/// <summary>Translates a <see cref="ContainerSpec"/> into the engine's create request, with <see cref="ContainerHardening"/> applied.</summary>
internal static class CreateParameters
{
    private const long BytesPerMb = 1024 * 1024;

    public static CreateContainerParameters From(ContainerSpec spec)
    {
        var port = $"{spec.ContainerPort.ToString(CultureInfo.InvariantCulture)}/tcp";
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Env = [.. spec.Env.Select(pair => $"{pair.Key}={pair.Value}")],
            Labels = spec.Labels.ToDictionary(),
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            NetworkingConfig = spec.Network is { } network && spec.NetworkAliases.Count > 0
                ? new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [.. spec.NetworkAliases] } } }
                : null,
            HostConfig = new HostConfig
            {
                PortBindings = spec.HostPort == 0
                    ? new Dictionary<string, IList<PortBinding>>()
                    : new Dictionary<string, IList<PortBinding>>
                    {
                        [port] = [new PortBinding { HostIP = spec.HostIp, HostPort = spec.HostPort.ToString(CultureInfo.InvariantCulture) }],
                    },
                // Zero means "no limit" to the engine as well, so the spec's default passes through unchanged.
                Memory = spec.MemoryMb * BytesPerMb,
                CPUShares = spec.CpuShares,
                // A tiny init as PID 1 forwards SIGTERM; without it apps that ignore signals as PID 1 wait out the whole grace period.
                Init = true,
                NetworkMode = spec.Network ?? "default",
                Privileged = false,
                SecurityOpt = [ContainerHardening.NoNewPrivileges],
                CapDrop = ["ALL"],
                CapAdd = [.. ContainerHardening.Capabilities],
                PidsLimit = ContainerHardening.PidsLimit,
                LogConfig = new LogConfig
                {
                    Type = ContainerHardening.LogDriver,
                    Config = new Dictionary<string, string>
                    {
                        ["max-size"] = ContainerHardening.LogMaxSize,
                        ["max-file"] = ContainerHardening.LogMaxFiles,
                    },
                },
                Mounts = spec.Volumes.Count > 0
                    ? [.. spec.Volumes.Select(v => new Mount { Type = "volume", Source = v.Name, Target = v.Target, ReadOnly = v.ReadOnly })]
                    : null,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Tmpfs = spec.ReadOnlyRootFilesystem
                    ? new Dictionary<string, string> { [ContainerHardening.TmpPath] = ContainerHardening.TmpOptions }
                    : null,
            },
        };
        if (spec.Command.Count > 0)
        {
            parameters.Cmd = [.. spec.Command];
        }

        return parameters;
    }
}
