using Berth.Core.Projects;

namespace Berth.Client.Dtos;

/// <summary>A project as the API returns it.</summary>
internal sealed record ProjectView(
    string Name, string Tenant, int Revision, ProjectState State, string? Reason, IReadOnlyList<string> Warnings,
    IReadOnlyList<ProjectServiceView> Services, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One service of a project and the app it is.</summary>
internal sealed record ProjectServiceView(
    string Name, string App, string Image, int Port, bool Published, string? Version, int Instances, IReadOnlyList<ProjectDependencyView> DependsOn);

internal sealed record ProjectDependencyView(string Service, string Condition);

/// <summary>What a deploy would change, service by service.</summary>
internal sealed record ProjectDiffView(string Project, int Revision, IReadOnlyList<ProjectChangeView> Changes, IReadOnlyList<string> Warnings);

internal sealed record ProjectChangeView(string Service, string Change, IReadOnlyList<string> Keys);
