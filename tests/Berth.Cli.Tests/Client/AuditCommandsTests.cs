namespace Berth.Cli.Tests.Client;

/// <summary><c>berth audit</c> against a real Berth, as the admin.</summary>
public sealed class AuditCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Audit_RefusedCaller_PrintsWhoDidWhat()
    {
        string app = $"gone-{Guid.NewGuid():N}"[..12];
        Assert.Equal(1, (await RunAsAsync("berth_not-a-token", "apps", "rm", app)).ExitCode);

        CliResult result = await RunAsync("audit", "--limit", "50");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Out.Split(Environment.NewLine),
            line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"-\s+127\.0\.0\.1\s+DELETE /v1/apps/{app}\s+401\s+\S+$"));
    }

    [Fact]
    public async Task Audit_ActorFilter_OnlyThatTenantsCalls()
    {
        string tenant = $"a-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("tenants", "create", tenant)).ExitCode);

        CliResult result = await RunAsync("audit", "--actor", tenant, "--limit", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("POST /v1/tenants", result.Out);
    }
}
