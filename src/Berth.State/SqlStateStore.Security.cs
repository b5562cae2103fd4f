using System.Data.Common;
using Berth.Core.Security;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : ISecurityStore
{
    private const string SelectTokenSql = $"SELECT {ApiTokenRow.Columns} FROM api_tokens";

    /// <inheritdoc />
    public async Task CreateTokenAsync(ApiToken token, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO api_tokens (id, tenant, token_hash, scope, description, created_at, revoked_at)
                VALUES (@Id, @Tenant, @TokenHash, @Scope, @Description, @CreatedAt, @RevokedAt)
                """,
                ApiTokenRow.From(token),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"token {token.Id}: another token has the same id or hash");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"tenant '{token.Tenant}' does not exist");
        }
    }

    /// <inheritdoc />
    public async Task<ApiToken?> FindTokenByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<ApiTokenRow>($"{SelectTokenSql} WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken))
        ?.ToToken();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(string tenant, CancellationToken cancellationToken) =>
        (await QueryAsync<ApiTokenRow>($"{SelectTokenSql} WHERE tenant = @tenant ORDER BY created_at, id", new { tenant }, cancellationToken))
        .ConvertAll(row => row.ToToken());

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string tenant, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // A token revoked before keeps its first revocation time; it still counts as found.
        var found = await connection.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM api_tokens WHERE tenant = @tenant AND id = @id", new { tenant, id }, cancellationToken));
        await connection.ExecuteAsync(Command(
            "UPDATE api_tokens SET revoked_at = @at WHERE tenant = @tenant AND id = @id AND revoked_at IS NULL",
            new { tenant, id, at = StoredTime.ToText(at) },
            cancellationToken));
        return found > 0;
    }

    /// <inheritdoc />
    public async Task AddBaseImageAsync(BaseImage image, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO base_images (repository, created_at) VALUES (@repository, @createdAt)",
                new { repository = image.Repository, createdAt = StoredTime.ToText(image.CreatedAt) },
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Already a base image: the outcome asked for.
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveBaseImageAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command("DELETE FROM base_images WHERE repository = @repository", new { repository }, cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> IsBaseImageAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM base_images WHERE repository = @repository", new { repository }, cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BaseImage>> ListBaseImagesAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<BaseImageRow>($"SELECT {BaseImageRow.Columns} FROM base_images ORDER BY repository", null, cancellationToken))
        .ConvertAll(row => row.ToImage());

    /// <inheritdoc />
    public async Task<string> ReserveRepositoryAsync(string repository, string tenant, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO repository_owners (repository, tenant, created_at) VALUES (@repository, @tenant, @at)",
                new { repository, tenant, at = StoredTime.ToText(at) },
                cancellationToken);
            return tenant;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return await GetRepositoryOwnerAsync(repository, cancellationToken)
                ?? throw new InvalidOperationException($"repository '{repository}' is reserved and not reserved at once");
        }
    }

    /// <inheritdoc />
    public Task<string?> GetRepositoryOwnerAsync(string repository, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<string>("SELECT tenant FROM repository_owners WHERE repository = @repository", new { repository }, cancellationToken);

    /// <inheritdoc />
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO audit_log (id, at, actor, token_id, client, method, path, status)
            VALUES (@Id, @At, @Actor, @TokenId, @Client, @Method, @Path, @Status)
            """,
            AuditRow.From(entry),
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? beforeId, string? actor, int limit, CancellationToken cancellationToken)
    {
        var where = (beforeId, actor) switch
        {
            (null, null) => "",
            (not null, null) => "WHERE id < @beforeId",
            (null, not null) => "WHERE actor = @actor",
            _ => "WHERE id < @beforeId AND actor = @actor",
        };
        var rows = await QueryAsync<AuditRow>(
            $"SELECT {AuditRow.Columns} FROM audit_log {where} ORDER BY id DESC LIMIT @limit", new { beforeId, actor, limit }, cancellationToken);
        return rows.ConvertAll(row => row.ToEntry());
    }
}
