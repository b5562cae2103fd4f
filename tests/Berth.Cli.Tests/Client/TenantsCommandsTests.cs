namespace Berth.Cli.Tests.Client;

/// <summary>The tenants commands against a real Berth, as the admin.</summary>
public sealed class TenantsCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Create_Tenant_PrintsTheTokenOnceWithAWarning()
    {
        CliResult result = await RunAsync("tenants", "create", $"t-{Guid.NewGuid():N}"[..12]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  berth_", result.Out);
        Assert.Contains("will not show it again", result.Out);
    }

    [Fact]
    public async Task Ls_Tenants_PrintsNamesAndAdminFlag()
    {
        string tenant = $"t-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("tenants", "create", tenant)).ExitCode);

        CliResult result = await RunAsync("tenants", "ls");

        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^NAME\s+ADMIN\s+CREATED", lines[0]);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^admin\s+yes"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^{tenant}\s+no"));
    }
}
