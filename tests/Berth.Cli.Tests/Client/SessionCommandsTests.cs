using Berth.Client;

namespace Berth.Cli.Tests.Client;

/// <summary>login and logout against a real Berth: a login is saved only once the server accepted its token.</summary>
public sealed class SessionCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Login_AcceptedToken_SavesUrlAndTokenReadableByOwnerOnly()
    {
        ClientEnvironment environment = ClientEnvironment();

        CliResult result = await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl, "--token", AdminToken);

        Assert.Equal(0, result.ExitCode);
        string path = ConfigFile.PathFor(environment);
        Assert.Equal(new SavedConfig(Server.ApiUrl, AdminToken), ConfigFile.Load(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Login_TokenFromTheEnvironment_KeepsItOffTheCommandLine()
    {
        var (_, token) = await TenantWithTokenAsync();
        ClientEnvironment environment = ClientEnvironment() with { Variables = new Dictionary<string, string> { ["BERTH_TOKEN"] = token } };

        CliResult result = await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new SavedConfig(Server.ApiUrl, token), ConfigFile.Load(ConfigFile.PathFor(environment)));
    }

    [Fact]
    public async Task Login_RejectedToken_SavesNothing()
    {
        ClientEnvironment environment = ClientEnvironment();

        CliResult result = await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl, "--token", "berth_not-a-token");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not authorized", result.Error);
        Assert.False(File.Exists(ConfigFile.PathFor(environment)));
    }

    [Fact]
    public async Task Login_NoToken_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(ClientEnvironment(), "login");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("berth login needs --token TOKEN", result.Error);
    }

    [Fact]
    public async Task Logout_LoggedIn_RemovesTheSavedConfig()
    {
        ClientEnvironment environment = ClientEnvironment();
        Assert.Equal(0, (await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl, "--token", AdminToken)).ExitCode);

        CliResult result = await CliRunner.RunAsync(environment, "logout");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(ConfigFile.PathFor(environment)));
    }
}
