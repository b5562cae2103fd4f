namespace Berth.Cli.Tests.Client;

/// <summary>The tokens commands against a real Berth, as the admin.</summary>
public sealed class TokensCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Create_WithScope_PrintsTheTokenOnceAndListsItsScope()
    {
        string tenant = await TenantAsync();

        CliResult result = await RunAsync("tokens", "create", tenant, "--scope", "read-only", "--description", "ci");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  berth_", result.Out);
        Assert.Contains("will not show it again", result.Out);
        Assert.Contains((await RunAsync("tokens", "ls", tenant)).Out.Split(Environment.NewLine),
            line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\S+\s+read-only\s+ci\s+\S+ \S+\s+-$"));
    }

    [Fact]
    public async Task Ls_Tokens_ShowsIdsScopesAndRevocation()
    {
        string tenant = await TenantAsync();
        Assert.Equal(0, (await RunAsync("tokens", "create", tenant, "--scope", "read-only", "--description", "ci")).ExitCode);
        string id = (await RunAsync("tokens", "ls", tenant)).Out.Split(Environment.NewLine).Single(l => l.Contains(" read-only ", StringComparison.Ordinal)).Split(' ')[0];
        Assert.Equal(0, (await RunAsync("tokens", "revoke", tenant, id)).ExitCode);

        CliResult result = await RunAsync("tokens", "ls", tenant);

        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("ID", lines[0]);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\S+\s+tenant\s+first token\s+\S+ \S+\s+-$"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^{id}\s+read-only\s+ci\s+\S+ \S+\s+\S+ \S+$"));
    }

    [Fact]
    public async Task Revoke_UnknownToken_PrintsTheReasonAndFails()
    {
        string tenant = await TenantAsync();

        CliResult result = await RunAsync("tokens", "revoke", tenant, "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'nope'", result.Error);
    }

    private async Task<string> TenantAsync()
    {
        string tenant = $"t-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("tenants", "create", tenant)).ExitCode);
        return tenant;
    }
}
