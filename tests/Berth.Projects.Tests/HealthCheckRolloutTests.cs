using Berth.Core.Apps;
using Berth.Projects.Planning;

namespace Berth.Projects.Tests;

/// <summary>A revision that changes the health check: running versions keep theirs until they retire.</summary>
public sealed class HealthCheckRolloutTests
{
    private static App Service(string body) =>
        ServiceApps.For("acme", "shop", Compose.OneService(body), DateTimeOffset.UnixEpoch) with { ActiveVersion = "r1", Instances = 2 };

    [Fact]
    public void WithDefinition_NewHealthPath_OldVersionsKeepTheirCheckNewVersionGetsTheNewOne()
    {
        var running = Service("");
        var next = ServiceApps.WithDefinition(running, Service("    x-berth:\n      health: /ready\n"), "r2");

        Assert.Equal(("/_ping", "/ready", "/ready"), (next.HealthCheckOf("r1").Path, next.HealthCheckOf("r2").Path, next.HealthCheck.Path));
    }

    [Fact]
    public void WithDefinition_SameHealthCheck_EveryVersionSharesTheAppsCheck()
    {
        var running = Service("    x-berth:\n      health: /ready\n");
        var next = ServiceApps.WithDefinition(running, Service("    x-berth:\n      health: /ready\n    environment: {A: \"1\"}\n"), "r2");

        Assert.Null(next.Project!.EarlierHealthCheck);
        Assert.Equal("/ready", next.HealthCheckOf("r1").Path);
    }
}
