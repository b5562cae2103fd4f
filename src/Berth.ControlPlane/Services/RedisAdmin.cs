using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Redis as its <c>default</c> user. Each binding is an ACL user with every key and channel but no administrative
/// command; the users are saved to the ACL file on the service's volume, so they survive restarts.
/// </summary>
internal sealed class RedisAdmin : IServiceAdmin
{
    private const string BindingRights = "~* &* +@all -@admin -@dangerous";

    public async Task PingAsync(ServiceAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        if (await connection.SendAsync(["PING"], cancellationToken) is not "PONG")
        {
            throw new InvalidOperationException("Redis did not answer PING with PONG");
        }
    }

    /// <summary>
    /// After a restore the server starts from the snapshot with append-only off (see the image's entrypoint); turning
    /// it on again writes the append-only file from the restored data.
    /// </summary>
    public async Task PrepareAsync(ServiceAddress address, ManagedService service, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        if (await connection.SendAsync(["CONFIG", "GET", "appendonly"], cancellationToken) is List<object?> and [_, "no"])
        {
            await connection.SendAsync(["CONFIG", "SET", "appendonly", "yes"], cancellationToken);
        }
    }

    public async Task CreateUserAsync(ServiceAddress address, ManagedService service, string user, string password, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        await connection.SendAsync(["ACL", "SETUSER", user, "reset", "on", ">" + password, .. BindingRights.Split(' ')], cancellationToken);
        await connection.SendAsync(["ACL", "SAVE"], cancellationToken);
    }

    /// <summary>ACL DELUSER also closes the user's connections.</summary>
    public async Task DropUserAsync(ServiceAddress address, ManagedService service, string user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        await connection.SendAsync(["ACL", "DELUSER", user], cancellationToken);
        await connection.SendAsync(["ACL", "SAVE"], cancellationToken);
    }

    private static async Task<RespConnection> OpenAsync(ServiceAddress address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ServiceAddress.Timeout);
        return await RespConnection.OpenAsync(address.Host, address.Port, "default", address.AdminPassword, timeout.Token);
    }
}
