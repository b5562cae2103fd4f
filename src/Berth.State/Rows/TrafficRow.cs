using Berth.Core.Gateway;

namespace Berth.State.Rows;

/// <summary>An <c>app_traffic</c> row as Dapper reads and writes it.</summary>
internal sealed class TrafficRow
{
    public const string Columns = "app_id AS AppId, weights_json AS WeightsJson, balancing AS Balancing";

    public string AppId { get; set; } = "";
    public string WeightsJson { get; set; } = "";
    public string Balancing { get; set; } = "";

    public static TrafficRow From(string appId, TrafficPolicy policy) =>
        new() { AppId = appId, WeightsJson = StoredJson.ToText(policy.Weights), Balancing = policy.Balancing };

    public TrafficPolicy ToPolicy() => new() { Weights = StoredJson.Parse<Dictionary<string, int>>(WeightsJson), Balancing = Balancing };
}
