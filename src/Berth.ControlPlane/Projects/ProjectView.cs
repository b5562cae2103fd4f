using Berth.Core.Projects;

namespace Berth.ControlPlane.Projects;

/// <summary>A project as the API shows it: its running revision's services, and how its last deploy went.</summary>
public sealed record ProjectView(
    string Name, string Tenant, int Revision, ProjectState State, string? Reason, IReadOnlyList<string> Warnings,
    IReadOnlyList<ProjectServiceView> Services, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One service of a project: the app it is, what it runs and what it waits for.</summary>
public sealed record ProjectServiceView(
    string Name, string App, string Image, int Port, bool Published, string? Version, int Instances, IReadOnlyList<ProjectDependencyView> DependsOn);

/// <summary>A <c>depends_on</c> entry: <c>service_started</c>, <c>service_healthy</c> or <c>service_completed_successfully</c>.</summary>
public sealed record ProjectDependencyView(string Service, string Condition);

/// <summary>What a deploy of a compose file would change, service by service (<c>added</c>, <c>changed</c> with its keys, <c>removed</c>, <c>unchanged</c>).</summary>
public sealed record ProjectDiffView(string Project, int Revision, IReadOnlyList<ProjectChangeView> Changes, IReadOnlyList<string> Warnings);

public sealed record ProjectChangeView(string Service, string Change, IReadOnlyList<string> Keys);
