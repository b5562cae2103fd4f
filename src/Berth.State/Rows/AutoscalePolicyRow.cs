using Berth.Core.Scaling;

namespace Berth.State.Rows;

/// <summary>An <c>autoscale_policies</c> row.</summary>
internal sealed class AutoscalePolicyRow
{
    public const string Columns =
        "app_id AS AppId, min_instances AS MinInstances, max_instances AS MaxInstances, metric AS Metric, target AS Target, idle_seconds AS IdleSeconds, updated_at AS UpdatedAt";

    public string AppId { get; set; } = "";
    public int MinInstances { get; set; }
    public int MaxInstances { get; set; }
    public string Metric { get; set; } = "";
    public double Target { get; set; }
    public int? IdleSeconds { get; set; }
    public string UpdatedAt { get; set; } = "";

    public static AutoscalePolicyRow From(AutoscalePolicy policy) => new()
    {
        AppId = policy.AppId,
        MinInstances = policy.Min,
        MaxInstances = policy.Max,
        Metric = StoredEnum.ToText(policy.Metric),
        Target = policy.Target,
        IdleSeconds = policy.IdleSeconds,
        UpdatedAt = StoredTime.ToText(policy.UpdatedAt),
    };

    public AutoscalePolicy ToPolicy() =>
        new(AppId, MinInstances, MaxInstances, StoredEnum.Parse<AutoscaleMetric>(Metric), Target, IdleSeconds, StoredTime.Parse(UpdatedAt));
}
