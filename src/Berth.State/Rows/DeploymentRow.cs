using Berth.Core.Apps;

namespace Berth.State.Rows;

/// <summary>A <c>deployments</c> row as Dapper reads and writes it.</summary>
internal sealed class DeploymentRow
{
    public const string Columns =
        "id AS Id, app_id AS AppId, version AS Version, instances AS Instances, state AS State, reason AS Reason, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt, strategy AS Strategy";

    public string Id { get; set; } = "";
    public string AppId { get; set; } = "";
    public string Version { get; set; } = "";
    public int Instances { get; set; }
    public string Strategy { get; set; } = "";
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    public static DeploymentRow From(Deployment deployment) => new()
    {
        Id = deployment.Id,
        AppId = deployment.AppId,
        Version = deployment.Version,
        Instances = deployment.Instances,
        Strategy = StoredEnum.ToText(deployment.Strategy),
        State = StoredEnum.ToText(deployment.State),
        Reason = deployment.Reason,
        CreatedAt = StoredTime.ToText(deployment.CreatedAt),
        UpdatedAt = StoredTime.ToText(deployment.UpdatedAt),
    };

    public Deployment ToDeployment() => new()
    {
        Id = Id,
        AppId = AppId,
        Version = Version,
        Instances = Instances,
        Strategy = StoredEnum.Parse<DeploymentStrategy>(Strategy),
        State = StoredEnum.Parse<DeploymentState>(State),
        Reason = Reason,
        CreatedAt = StoredTime.Parse(CreatedAt),
        UpdatedAt = StoredTime.Parse(UpdatedAt),
    };
}
