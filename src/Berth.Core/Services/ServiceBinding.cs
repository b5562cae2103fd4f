namespace Berth.Core.Services;

/// <summary>
/// An app bound to a managed service: the app's containers get the service's address and this binding's own
/// credentials as <c>{Prefix}_URL</c>, <c>{Prefix}_HOST</c>, <c>_PORT</c>, <c>_USER</c>, <c>_PASSWORD</c> and <c>_NAME</c>.
/// </summary>
public sealed record ServiceBinding
{
    public required string ServiceId { get; init; }
    public required string AppId { get; init; }
    /// <summary>The variables' prefix: <c>DATABASE</c> or <c>REDIS</c>, <c>DB2</c>… for the next of a kind, or the name chosen.</summary>
    public required string Prefix { get; init; }
    /// <summary>The database user (PostgreSQL role, MariaDB user, Redis ACL user) made for this binding only.</summary>
    public required string User { get; init; }
    /// <summary>The user's password, sealed with the installation's secret key.</summary>
    public required string SealedPassword { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
