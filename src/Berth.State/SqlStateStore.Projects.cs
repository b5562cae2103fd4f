using System.Data.Common;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IProjectStore
{
    private const string SelectProjectSql = $"SELECT {ProjectRow.Columns} FROM projects";

    /// <inheritdoc />
    public async Task CreateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO projects (name, tenant, revision, compose, previous_compose, state, reason, warnings_json, created_at, updated_at)
                VALUES (@Name, @Tenant, @Revision, @Compose, @PreviousCompose, @State, @Reason, @WarningsJson, @CreatedAt, @UpdatedAt)
                """,
                ProjectRow.From(project),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"project '{project.Name}' already exists");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"tenant '{project.Tenant}' does not exist");
        }
    }

    /// <inheritdoc />
    public async Task<Project?> GetProjectAsync(string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<ProjectRow>($"{SelectProjectSql} WHERE name = @name", new { name }, cancellationToken))?.ToProject();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Project>> ListProjectsAsync(string? tenant, CancellationToken cancellationToken)
    {
        var rows = tenant is null
            ? await QueryAsync<ProjectRow>($"{SelectProjectSql} ORDER BY name", null, cancellationToken)
            : await QueryAsync<ProjectRow>($"{SelectProjectSql} WHERE tenant = @tenant ORDER BY name", new { tenant }, cancellationToken);
        return rows.ConvertAll(row => row.ToProject());
    }

    /// <inheritdoc />
    public async Task UpdateProjectAsync(Project project, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            """
            UPDATE projects SET revision = @Revision, compose = @Compose, previous_compose = @PreviousCompose, state = @State,
                reason = @Reason, warnings_json = @WarningsJson, updated_at = @UpdatedAt
            WHERE name = @Name
            """,
            ProjectRow.From(project),
            cancellationToken));
        EnsureFound(rows, $"project '{project.Name}'");
    }

    /// <inheritdoc />
    public async Task DeleteProjectAsync(string name, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM projects WHERE name = @name", new { name }, cancellationToken);
}
