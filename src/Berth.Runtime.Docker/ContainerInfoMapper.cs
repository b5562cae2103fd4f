using System.Globalization;
using Berth.Core.Runtime;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

/// <summary>Reads Berth's view of a container out of the engine's inspect answer.</summary>
internal static class ContainerInfoMapper
{
    public static ContainerInfo From(ContainerInspectResponse response) => new()
    {
        Id = response.ID,
        // The engine reports names with a leading slash (its legacy link namespace).
        Name = response.Name?.TrimStart('/') ?? "",
        // The reference the container was created from, not the image id it resolved to.
        Image = response.Config?.Image ?? response.Image ?? "",
        Running = response.State?.Running ?? false,
        Status = response.State?.Status ?? "",
        Labels = response.Config?.Labels is { } labels ? labels.ToDictionary() : new Dictionary<string, string>(),
        HostPort = FirstHostPort(response),
        ExitCode = response.State is { Running: false, Status: "exited" or "dead" } state ? (int)state.ExitCode : null,
    };

    /// <summary>
    /// The live bindings exist only while the container runs; the configured ones survive a stop,
    /// so a stopped container still tells which port it holds.
    /// </summary>
    private static int? FirstHostPort(ContainerInspectResponse response) =>
        FirstPort(response.NetworkSettings?.Ports) ?? FirstPort(response.HostConfig?.PortBindings);

    private static int? FirstPort(IDictionary<string, IList<PortBinding>>? bindings)
    {
        if (bindings is null)
        {
            return null;
        }

        foreach (var (_, list) in bindings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (var binding in list ?? [])
            {
                if (int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
                {
                    return port;
                }
            }
        }

        return null;
    }
}
