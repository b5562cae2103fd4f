using System.Data.Common;
using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

/// <summary>Gateway settings. Replacements are a delete and an insert in one write transaction, the one upsert every database shares.</summary>
internal abstract partial class SqlStateStore : IGatewaySettingsStore
{
    private const string GlobalBlacklistSetting = "global_blacklist";

    /// <inheritdoc />
    public async Task AddDomainAsync(CustomDomain domain, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO app_domains (domain, app_id, created_at) VALUES (@Domain, @AppId, @CreatedAt)",
                new { domain.Domain, domain.AppId, CreatedAt = StoredTime.ToText(domain.CreatedAt) },
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"domain '{domain.Domain}' already belongs to an app");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{domain.AppId}' does not exist");
        }
    }

    /// <inheritdoc />
    public async Task<DomainClaim> ClaimDomainAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO domain_claims (domain, app_id, token, created_at) VALUES (@Domain, @AppId, @Token, @CreatedAt)",
                new { claim.Domain, claim.AppId, claim.Token, CreatedAt = StoredTime.ToText(claim.CreatedAt) },
                cancellationToken);
            return claim;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return (await ListDomainClaimsAsync(claim.AppId, cancellationToken)).Single(c => c.Domain == claim.Domain);
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{claim.AppId}' does not exist");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainClaim>> ListDomainClaimsAsync(string? appId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {DomainClaimRow.Columns} FROM domain_claims";
        var rows = appId is null
            ? await QueryAsync<DomainClaimRow>($"{sql} ORDER BY domain, app_id", null, cancellationToken)
            : await QueryAsync<DomainClaimRow>($"{sql} WHERE app_id = @appId ORDER BY domain", new { appId }, cancellationToken);
        return rows.ConvertAll(row => row.ToClaim());
    }

    /// <inheritdoc />
    public async Task<CustomDomain> VerifyDomainAsync(DomainClaim claim, DateTimeOffset verifiedAt, CancellationToken cancellationToken)
    {
        var domain = new CustomDomain(claim.Domain, claim.AppId, verifiedAt);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        try
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO app_domains (domain, app_id, created_at) VALUES (@Domain, @AppId, @CreatedAt)",
                new { domain.Domain, domain.AppId, CreatedAt = StoredTime.ToText(verifiedAt) },
                cancellationToken,
                transaction));
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"domain '{claim.Domain}' already belongs to an app");
        }

        await connection.ExecuteAsync(Command("DELETE FROM domain_claims WHERE domain = @Domain", new { claim.Domain }, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
        return domain;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDomainAsync(string appId, string domain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            "DELETE FROM app_domains WHERE domain = @domain AND app_id = @appId", new { domain, appId }, cancellationToken));
        rows += await connection.ExecuteAsync(Command(
            "DELETE FROM domain_claims WHERE domain = @domain AND app_id = @appId", new { domain, appId }, cancellationToken));
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CustomDomain>> ListDomainsAsync(string? appId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {CustomDomainRow.Columns} FROM app_domains";
        var rows = appId is null
            ? await QueryAsync<CustomDomainRow>($"{sql} ORDER BY domain", null, cancellationToken)
            : await QueryAsync<CustomDomainRow>($"{sql} WHERE app_id = @appId ORDER BY domain", new { appId }, cancellationToken);
        return rows.ConvertAll(row => row.ToDomain());
    }

    /// <inheritdoc />
    public async Task<TrafficPolicy?> GetTrafficAsync(string appId, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TrafficRow>($"SELECT {TrafficRow.Columns} FROM app_traffic WHERE app_id = @appId", new { appId }, cancellationToken))
        ?.ToPolicy();

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, TrafficPolicy>> ListTrafficAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<TrafficRow>($"SELECT {TrafficRow.Columns} FROM app_traffic ORDER BY app_id", null, cancellationToken);
        return rows.ToDictionary(row => row.AppId, row => row.ToPolicy(), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task SetTrafficAsync(string appId, TrafficPolicy? policy, CancellationToken cancellationToken) =>
        ReplaceAsync(
            "DELETE FROM app_traffic WHERE app_id = @AppId",
            policy is null ? null : "INSERT INTO app_traffic (app_id, weights_json, balancing) VALUES (@AppId, @WeightsJson, @Balancing)",
            policy is null ? new TrafficRow { AppId = appId } : TrafficRow.From(appId, policy),
            $"app '{appId}'",
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetBlacklistAsync(string? appId, CancellationToken cancellationToken)
    {
        var json = appId is null
            ? await QuerySingleOrDefaultAsync<string>("SELECT value_json FROM gateway_settings WHERE name = @name", new { name = GlobalBlacklistSetting }, cancellationToken)
            : await QuerySingleOrDefaultAsync<string>("SELECT entries_json FROM app_blacklists WHERE app_id = @appId", new { appId }, cancellationToken);
        return json is null ? [] : StoredJson.Parse<string[]>(json);
    }

    /// <inheritdoc />
    public Task SetBlacklistAsync(string? appId, IReadOnlyList<string> entries, CancellationToken cancellationToken)
    {
        var json = StoredJson.ToText(entries);
        var insert = entries.Count == 0;
        return appId is null
            ? ReplaceAsync(
                "DELETE FROM gateway_settings WHERE name = @Name",
                insert ? null : "INSERT INTO gateway_settings (name, value_json) VALUES (@Name, @Json)",
                new { Name = GlobalBlacklistSetting, Json = json },
                "the global blacklist",
                cancellationToken)
            : ReplaceAsync(
                "DELETE FROM app_blacklists WHERE app_id = @AppId",
                insert ? null : "INSERT INTO app_blacklists (app_id, entries_json) VALUES (@AppId, @Json)",
                new { AppId = appId, Json = json },
                $"app '{appId}'",
                cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppBlacklist>> ListBlacklistsAsync(CancellationToken cancellationToken)
    {
        var global = await GetBlacklistAsync(null, cancellationToken);
        var perApp = await QueryAsync<(string AppId, string EntriesJson)>("SELECT app_id, entries_json FROM app_blacklists ORDER BY app_id", null, cancellationToken);
        var lists = new List<AppBlacklist>();
        if (global.Count > 0)
        {
            lists.Add(new AppBlacklist(null, global));
        }

        lists.AddRange(perApp.Select(row => new AppBlacklist(row.AppId, StoredJson.Parse<string[]>(row.EntriesJson))));
        return lists;
    }

    /// <summary>Deletes, then inserts when <paramref name="insertSql"/> is given, in one transaction; a missing app becomes <see cref="KeyNotFoundException"/>.</summary>
    private async Task ReplaceAsync(string deleteSql, string? insertSql, object parameters, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await connection.ExecuteAsync(Command(deleteSql, parameters, cancellationToken, transaction));
        if (insertSql is not null)
        {
            try
            {
                await connection.ExecuteAsync(Command(insertSql, parameters, cancellationToken, transaction));
            }
            catch (DbException e) when (IsForeignKeyViolation(e))
            {
                throw new KeyNotFoundException($"{owner} does not exist");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
