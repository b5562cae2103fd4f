using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// <c>ports</c> and <c>expose</c>: the one HTTP port a service listens on. A published port (<c>ports</c>) gets
/// gateway routes; Berth picks the host side itself, so a host port in the file does not bind one.
/// </summary>
internal sealed partial class ComposeReader
{
    private void ReadPorts(ServiceDraft service, YamlNode value, string at, bool published)
    {
        var items = value is YamlSequenceNode list ? list.Children.ToList() : [value];
        foreach (var item in items)
        {
            var port = item is YamlMappingNode map ? ReadLongPort(map, at) : Scalar(item, $"each item of {at}") is { } text ? ShortPort(item, text, at) : null;
            if (port is null)
            {
                continue;
            }

            if (service.Port is { } other && other != port)
            {
                Error(item, $"{at}: Berth routes one HTTP port per service, and this service already names {other}");
                continue;
            }

            service.Port = port;
            service.Published |= published;
        }
    }

    /// <summary><c>"8080"</c>, <c>"80:8080"</c>, <c>"127.0.0.1:80:8080"</c>, <c>"8080/tcp"</c>: the container side.</summary>
    private int? ShortPort(YamlNode item, string text, string at)
    {
        var (spec, protocol) = text.IndexOf('/') is var slash and >= 0 ? (text[..slash], text[(slash + 1)..]) : (text, "tcp");
        var container = spec[(spec.LastIndexOf(':') + 1)..];
        if (protocol != "tcp")
        {
            Error(item, $"{at}: '{text}' is not TCP; Berth routes HTTP");
            return null;
        }

        if (container.Contains('-'))
        {
            Error(item, $"{at}: '{text}' is a range; Berth routes one HTTP port per service");
            return null;
        }

        return Port(item, container, $"{at}: '{text}'");
    }

    private int? ReadLongPort(YamlMappingNode map, string at)
    {
        int? port = null;
        foreach (var (key, item) in Entries(map))
        {
            switch (key.Value)
            {
                case "target":
                    port = Scalar(item, $"{at} target") is { } target ? Port(item, target, $"{at} target") : null;
                    break;
                case "protocol":
                    if (Scalar(item, $"{at} protocol") is { } protocol and not "tcp")
                    {
                        Error(item, $"{at}: protocol '{protocol}' is not TCP; Berth routes HTTP");
                    }

                    break;
                case "published" or "host_ip" or "mode" or "name" or "app_protocol":
                    break;
                default:
                    Unsupported(key, $"{at} {key.Value} is not supported by Berth");
                    break;
            }
        }

        if (port is null && !map.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "target"))
        {
            Error(map, $"{at}: the long form needs 'target', the container's port");
        }

        return port;
    }

    private int? Port(YamlNode node, string text, string what)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        Error(node, $"{what} must name a port between 1 and 65535");
        return null;
    }
}
