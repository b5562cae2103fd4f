using Berth.Core.Security;

namespace Berth.Core.State;

/// <summary>API tokens, base images and the audit log, in the same database as <see cref="IStateStore"/>.</summary>
public interface ISecurityStore
{
    /// <summary>Throws <see cref="ConflictException"/> when the id or hash is taken, <see cref="KeyNotFoundException"/> when the tenant does not exist.</summary>
    Task CreateTokenAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>The token with that hash, revoked or not, or null.</summary>
    Task<ApiToken?> FindTokenByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>A tenant's tokens, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListTokensAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Marks the tenant's token revoked at <paramref name="at"/>; false when the tenant has no token with that id.</summary>
    Task<bool> RevokeTokenAsync(string tenant, string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds a repository to the base images; adding one twice changes nothing.</summary>
    Task AddBaseImageAsync(BaseImage image, CancellationToken cancellationToken);

    /// <summary>False when the repository was not a base image.</summary>
    Task<bool> RemoveBaseImageAsync(string repository, CancellationToken cancellationToken);

    Task<bool> IsBaseImageAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Every base image, by name.</summary>
    Task<IReadOnlyList<BaseImage>> ListBaseImagesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reserves a registry repository name to <paramref name="tenant"/> for good, unless it is reserved already;
    /// returns the tenant it is reserved to (<paramref name="tenant"/> when it was free).
    /// </summary>
    Task<string> ReserveRepositoryAsync(string repository, string tenant, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The tenant the repository name is reserved to, or null when nobody ever held it.</summary>
    Task<string?> GetRepositoryOwnerAsync(string repository, CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// The newest entries first, at most <paramref name="limit"/>; only those older than <paramref name="beforeId"/>
    /// and only those of <paramref name="actor"/>, when given.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? beforeId, string? actor, int limit, CancellationToken cancellationToken);
}
