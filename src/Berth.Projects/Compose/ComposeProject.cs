namespace Berth.Projects.Compose;

/// <summary>A compose file Berth can run: its services in file order and its named volumes.</summary>
public sealed record ComposeProject
{
    public required IReadOnlyList<ComposeService> Services { get; init; }
    public IReadOnlyList<string> Volumes { get; init; } = [];
}
