namespace Berth.Contracts;

/// <summary>One service of a project: the app it is, what it runs and what it waits for.</summary>
public sealed record ProjectServiceView(
    string Name, string App, string Image, int Port, bool Published, string? Version, int Instances, IReadOnlyList<ProjectDependencyView> DependsOn);
