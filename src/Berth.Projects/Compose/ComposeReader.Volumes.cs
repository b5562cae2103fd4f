using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>A service's <c>volumes</c>: named volumes of the file only; bind mounts would reach into the host.</summary>
internal sealed partial class ComposeReader
{
    private List<ComposeVolumeMount> ReadMounts(YamlNode value, string at, List<string> declared)
    {
        var mounts = new List<ComposeVolumeMount>();
        if (value is not YamlSequenceNode list)
        {
            Error(value, $"{at} must be a list");
            return mounts;
        }

        foreach (var item in list.Children)
        {
            var mount = item is YamlMappingNode map ? ReadLongMount(map, at) : Scalar(item, $"each item of {at}") is { } text ? ShortMount(item, text, at) : null;
            if (mount is null)
            {
                continue;
            }

            if (!declared.Contains(mount.Volume))
            {
                Error(item, $"{at}: volume '{mount.Volume}' is not declared under the top-level 'volumes'");
            }
            else if (!mount.Target.StartsWith('/') || mounts.Any(m => m.Target == mount.Target))
            {
                Error(item, $"{at}: '{mount.Target}' must be an absolute path in the container, mounted once");
            }
            else
            {
                mounts.Add(mount);
            }
        }

        return mounts;
    }

    /// <summary><c>name:/path[:ro|rw]</c>.</summary>
    private ComposeVolumeMount? ShortMount(YamlNode item, string text, string at)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts.Length == 3 && parts[2] is not ("ro" or "rw"))
        {
            Error(item, parts.Length == 1
                ? $"{at}: '{text}' is an anonymous volume; name it ('data:{text}') and declare it under the top-level 'volumes'"
                : $"{at}: '{text}' must be NAME:/path or NAME:/path:ro");
            return null;
        }

        if (!VolumeNames.IsValid(parts[0]))
        {
            Error(item, $"{at}: '{parts[0]}' is a bind mount of a host path; Berth mounts named volumes only");
            return null;
        }

        return new ComposeVolumeMount(parts[0], parts[1], parts.Length == 3 && parts[2] == "ro");
    }

    private ComposeVolumeMount? ReadLongMount(YamlMappingNode map, string at)
    {
        string? type = null, source = null, target = null;
        var readOnly = false;
        foreach (var (key, item) in Entries(map))
        {
            switch (key.Value)
            {
                case "type":
                    type = Scalar(item, $"{at} type");
                    break;
                case "source":
                    source = Scalar(item, $"{at} source");
                    break;
                case "target":
                    target = Scalar(item, $"{at} target");
                    break;
                case "read_only":
                    readOnly = Scalar(item, $"{at} read_only") == "true";
                    break;
                default:
                    Unsupported(key, $"{at} {key.Value} is not supported by Berth");
                    break;
            }
        }

        if (type != "volume" || source is null || target is null)
        {
            Error(map, $"{at}: the long form needs type: volume (Berth mounts named volumes only), 'source' and 'target'");
            return null;
        }

        return new ComposeVolumeMount(source, target, readOnly);
    }
}
