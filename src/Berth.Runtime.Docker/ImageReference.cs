namespace Berth.Runtime.Docker;

/// <summary>An image reference split the way the pull API wants it: <c>fromImage</c> and <c>tag</c> (a tag or a digest).</summary>
internal readonly record struct ImageReference(string Name, string Tag)
{
    private const string DefaultRegistry = "docker.io";

    /// <summary>The registry host (with its port, if any), as Docker decides it from the first path segment.</summary>
    public string Registry => SplitRegistry().Registry;

    /// <summary>The repository path inside the registry, without the registry host.</summary>
    public string Repository => SplitRegistry().Repository;

    public static ImageReference Parse(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);

        var at = image.IndexOf('@');
        if (at >= 0)
        {
            // A digest pins the content, so a tag written before it only names it and is dropped, as the docker CLI does.
            return new(StripTag(image[..at]), image[(at + 1)..]);
        }

        var colon = TagColon(image);
        // Without a tag the API would pull every tag of the repository; the CLI means "latest".
        return colon < 0 ? new(image, "latest") : new(image[..colon], image[(colon + 1)..]);
    }

    public override string ToString() => Tag.Contains(':', StringComparison.Ordinal) ? $"{Name}@{Tag}" : $"{Name}:{Tag}";

    /// <summary>The colon of a tag is the one after the last slash; earlier ones belong to a registry port.</summary>
    private static int TagColon(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? colon : -1;
    }

    private static string StripTag(string name)
    {
        var colon = TagColon(name);
        return colon < 0 ? name : name[..colon];
    }

    private (string Registry, string Repository) SplitRegistry()
    {
        var slash = Name.IndexOf('/');
        if (slash < 0)
        {
            return (DefaultRegistry, Name);
        }

        var first = Name[..slash];
        var isHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        return isHost ? (first, Name[(slash + 1)..]) : (DefaultRegistry, Name);
    }
}
