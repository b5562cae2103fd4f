using Berth.Core.Services;

namespace Berth.Projects.Compose;

/// <summary>A service's values as the reader finds them, turned into a <see cref="ComposeService"/> once all are read.</summary>
internal sealed class ServiceDraft(string name)
{
    public string Name { get; } = name;
    public string? Image { get; set; }
    public string Tag { get; set; } = "latest";
    public SortedDictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public List<string> Command { get; set; } = [];
    public List<ComposeDependency> DependsOn { get; set; } = [];
    public ComposeHealthCheck? HealthCheck { get; set; }
    public int Replicas { get; set; } = 1;
    public int? MemoryMb { get; set; }
    public int? CpuShares { get; set; }
    public int? Port { get; set; }
    public bool Published { get; set; }
    public List<ComposeVolumeMount> Volumes { get; set; } = [];
    public SortedDictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);
    public BerthServiceSettings Berth { get; set; } = BerthServiceSettings.Default;

    /// <summary>The service; one of Berth's base images brings its server, and that server's port and memory unless given.</summary>
    public ComposeService Build()
    {
        var kind = Image is null ? null : ServiceKind.OfRepository(Image);
        return new()
        {
            Name = Name,
            Image = Image!,
            Tag = Tag,
            Environment = Environment,
            Command = Command,
            DependsOn = DependsOn,
            HealthCheck = Berth.HealthPath is { } path ? (HealthCheck ?? new ComposeHealthCheck()) with { Path = path } : HealthCheck,
            Replicas = Replicas,
            MemoryMb = MemoryMb ?? kind?.DefaultMemoryMb,
            CpuShares = CpuShares,
            // Zero only for a one-shot service, the one kind that needs no port (checked once every service is read).
            Port = Port ?? kind?.Port ?? 0,
            Published = Published,
            Volumes = Volumes,
            Labels = Labels,
            Berth = Berth,
            Server = kind?.Type,
        };
    }
}
