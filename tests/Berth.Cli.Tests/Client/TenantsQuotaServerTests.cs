namespace Berth.Cli.Tests.Client;

/// <summary><c>berth tenants quota</c> against a real Berth, as the admin.</summary>
public sealed class TenantsQuotaServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Quota_ShowSetAndBadKeys_TableAndClearErrors()
    {
        string tenant = $"q-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("tenants", "create", tenant)).ExitCode);

        CliResult shown = await RunAsync("tenants", "quota", tenant);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains($"Quota of {tenant} (the server's default):", shown.Out);
        Assert.Contains("instances   0      100", shown.Out);

        CliResult set = await RunAsync("tenants", "quota", tenant, "--set", "instances=7", "ports=9");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains($"Quota of {tenant}:", set.Out);
        Assert.Contains("instances   0      7", set.Out);
        Assert.Contains("ports       0      9", set.Out);

        CliResult unknown = await RunAsync("tenants", "quota", tenant, "--set", "disks=1");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("'disks' is not a quota", unknown.Error);
        CliResult malformed = await RunAsync("tenants", "quota", tenant, "--set", "apps");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--set takes KEY=NUMBER", malformed.Error);
    }
}
