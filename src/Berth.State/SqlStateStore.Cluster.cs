using System.Data.Common;
using Berth.Core.State;

namespace Berth.State;

internal abstract partial class SqlStateStore : IClusterIdentity
{
    private const string ClusterIdSetting = "cluster_id";

    /// <summary>Reads the id; the first caller stores a new one, and a caller that loses that race reads the winner's.</summary>
    public async Task<string> GetClusterIdAsync(CancellationToken cancellationToken)
    {
        const string select = "SELECT value FROM cluster_settings WHERE name = @name";
        var parameters = new { name = ClusterIdSetting, value = Guid.NewGuid().ToString("N")[..16] };
        if (await QuerySingleOrDefaultAsync<string>(select, parameters, cancellationToken) is { } id)
        {
            return id;
        }

        try
        {
            await ExecuteAsync("INSERT INTO cluster_settings (name, value) VALUES (@name, @value)", parameters, cancellationToken);
            return parameters.value;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return await QuerySingleOrDefaultAsync<string>(select, parameters, cancellationToken)
                ?? throw new InvalidOperationException("the cluster id vanished while it was being read");
        }
    }
}
