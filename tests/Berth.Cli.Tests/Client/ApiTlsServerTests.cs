using Berth.Client;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// The API over HTTPS with a certificate of a private authority: the CLI trusts it with <c>--cacert</c> or
/// <c>BERTH_CACERT</c>, and without (or with another authority's root) says in one line that it does not, exit 1.
/// </summary>
public sealed class ApiTlsServerTests(TlsApiServer real) : ServerTest<TlsApiServer>(real)
{
    [Fact]
    public async Task AppsLs_CaCert_AnswersOverHttps()
    {
        string app = $"s-{Guid.NewGuid():N}"[..12];

        CliResult created = await RunAsync("apps", "create", app, "--cacert", Fixture.Authority.RootFile);
        CliResult listed = await RunAsync("apps", "ls", "-q", "--cacert", Fixture.Authority.RootFile);

        Assert.StartsWith("https://127.0.0.1:", Server.ApiUrl);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(app, listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AppsLs_BerthCacertVariable_AnswersOverHttps()
    {
        ClientEnvironment environment = ClientEnvironment() with
        {
            Variables = new Dictionary<string, string> { ["BERTH_CACERT"] = Fixture.Authority.RootFile },
        };

        CliResult listed = await CliRunner.RunAsync(environment, "apps", "ls", "--url", Server.ApiUrl, "--token", AdminToken);

        Assert.True(listed.ExitCode == 0, listed.Error);
    }

    [Fact]
    public async Task AppsLs_NoCaCert_CertificateNotTrustedExit1()
    {
        CliResult listed = await RunAsync("apps", "ls");

        Assert.Equal(1, listed.ExitCode);
        Assert.Equal("", listed.Out);
        Assert.Equal(
            $"error: the certificate of Berth at {Server.ApiUrl} is not trusted: pass --cacert FILE (or set BERTH_CACERT) with the certificate of the authority that signed it{Environment.NewLine}",
            listed.Error);
    }

    [Fact]
    public async Task AppsLs_AnotherAuthoritysRoot_NotSignedByItExit1()
    {
        CliResult listed = await RunAsync("apps", "ls", "--cacert", Fixture.OtherAuthority.RootFile);

        Assert.Equal(1, listed.ExitCode);
        Assert.Equal(
            $"error: the certificate of Berth at {Server.ApiUrl} is not signed by an authority in {Fixture.OtherAuthority.RootFile}{Environment.NewLine}",
            listed.Error);
    }

    [Fact]
    public async Task AppsLs_CaCertFileMissing_ClearErrorExit1()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.crt");

        CliResult listed = await RunAsync("apps", "ls", "--cacert", missing);

        Assert.Equal(1, listed.ExitCode);
        Assert.Equal($"error: --cacert (or BERTH_CACERT): there is no file {missing}{Environment.NewLine}", listed.Error);
    }
}
