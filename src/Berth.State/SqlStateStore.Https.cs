using Berth.Core.Gateway;
using Berth.State.Rows;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    /// <inheritdoc />
    public async Task<HttpsPolicy?> GetHttpsAsync(string appId, CancellationToken cancellationToken)
    {
        var json = await QuerySingleOrDefaultAsync<string>("SELECT policy_json FROM app_https WHERE app_id = @appId", new { appId }, cancellationToken);
        return json is null ? null : StoredJson.Parse<HttpsPolicy>(json);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, HttpsPolicy>> ListHttpsAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<(string AppId, string PolicyJson)>("SELECT app_id, policy_json FROM app_https ORDER BY app_id", null, cancellationToken);
        return rows.ToDictionary(row => row.AppId, row => StoredJson.Parse<HttpsPolicy>(row.PolicyJson), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task SetHttpsAsync(string appId, HttpsPolicy? policy, CancellationToken cancellationToken) =>
        ReplaceAsync(
            "DELETE FROM app_https WHERE app_id = @AppId",
            policy is null ? null : "INSERT INTO app_https (app_id, policy_json) VALUES (@AppId, @Json)",
            new { AppId = appId, Json = policy is null ? "" : StoredJson.ToText(policy) },
            $"app '{appId}'",
            cancellationToken);
}
