using Berth.Core.Projects;

namespace Berth.Core.State;

/// <summary>Projects (compose files deployed as apps); their services are ordinary apps in <see cref="IStateStore"/>.</summary>
public interface IProjectStore
{
    /// <summary>Stores a new project; throws <see cref="ConflictException"/> when the name is taken (by any tenant).</summary>
    Task CreateProjectAsync(Project project, CancellationToken cancellationToken);

    Task<Project?> GetProjectAsync(string name, CancellationToken cancellationToken);

    /// <summary>The tenant's projects by name, or everyone's for null.</summary>
    Task<IReadOnlyList<Project>> ListProjectsAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>Replaces revision, texts, state, reason and warnings; throws <see cref="KeyNotFoundException"/> when missing.</summary>
    Task UpdateProjectAsync(Project project, CancellationToken cancellationToken);

    /// <summary>Forgets the project; its apps are deleted by the caller first.</summary>
    Task DeleteProjectAsync(string name, CancellationToken cancellationToken);
}
