using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Services;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// The health check of a project's base-image server, over its own protocol and without credentials, against the
/// real PostgreSQL and MariaDB that scripts/prereqs.sh starts (127.0.0.1:5432 and :3306).
/// </summary>
public sealed class ServerHelloTests : IDisposable
{
    private readonly HealthProbe _probe = new();

    [Theory]
    [InlineData("127.0.0.1:5432", ServiceType.Postgres)]
    [InlineData("127.0.0.1:3306", ServiceType.Mariadb)]
    public async Task CheckAsync_ReadyServerOfItsKind_Healthy(string address, ServiceType server)
    {
        Assert.True(await _probe.CheckAsync(address, new HealthCheckSpec { Server = server }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("127.0.0.1:5432", ServiceType.Redis)]
    [InlineData("127.0.0.1:5432", ServiceType.Mariadb)]
    [InlineData("127.0.0.1:3306", ServiceType.Postgres)]
    public async Task CheckAsync_ServerOfAnotherKind_Unhealthy(string address, ServiceType server)
    {
        Assert.False(await _probe.CheckAsync(address, new HealthCheckSpec { Server = server }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CheckAsync_NothingListens_Unhealthy()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var address = closed.LocalEndpoint.ToString()!;
        closed.Stop();

        Assert.False(await _probe.CheckAsync(address, new HealthCheckSpec { Server = ServiceType.Redis }, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _probe.Dispose();
}
