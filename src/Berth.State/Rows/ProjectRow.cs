using Berth.Core.Projects;

namespace Berth.State.Rows;

/// <summary>A <c>projects</c> row as Dapper reads and writes it.</summary>
internal sealed class ProjectRow
{
    public const string Columns =
        "name AS Name, tenant AS Tenant, revision AS Revision, compose AS Compose, previous_compose AS PreviousCompose, " +
        "state AS State, reason AS Reason, warnings_json AS WarningsJson, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public string Name { get; set; } = "";
    public string Tenant { get; set; } = "";
    public int Revision { get; set; }
    public string Compose { get; set; } = "";
    public string? PreviousCompose { get; set; }
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string WarningsJson { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    public static ProjectRow From(Project project) => new()
    {
        Name = project.Name,
        Tenant = project.Tenant,
        Revision = project.Revision,
        Compose = project.Compose,
        PreviousCompose = project.PreviousCompose,
        State = StoredEnum.ToText(project.State),
        Reason = project.Reason,
        WarningsJson = StoredJson.ToText(project.Warnings),
        CreatedAt = StoredTime.ToText(project.CreatedAt),
        UpdatedAt = StoredTime.ToText(project.UpdatedAt),
    };

    public Project ToProject() => new()
    {
        Name = Name,
        Tenant = Tenant,
        Revision = Revision,
        Compose = Compose,
        PreviousCompose = PreviousCompose,
        State = StoredEnum.Parse<ProjectState>(State),
        Reason = Reason,
        Warnings = StoredJson.Parse<List<string>>(WarningsJson),
        CreatedAt = StoredTime.Parse(CreatedAt),
        UpdatedAt = StoredTime.Parse(UpdatedAt),
    };
}
