using Berth.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class SessionCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string ConfigPath => Path.Combine(temp.Path, ".config", "berth", "config.json");

    [Fact]
    public async Task Login_AcceptedToken_SavesUrlAndTokenReadableByOwnerOnly()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Json(Array.Empty<object>())));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "login", "--url", api.Url, "--token", "good");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer good", api.LastAuthorization);
        Assert.Equal(new SavedConfig(api.Url, "good"), ConfigFile.Load(ConfigPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        }
    }

    [Fact]
    public async Task Login_TokenFromTheEnvironment_KeepsItOffTheCommandLine()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Json(Array.Empty<object>())));

        CliResult result = await CliRunner.RunAsync(temp.Environment(("BERTH_TOKEN", "from-env")), "login", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer from-env", api.LastAuthorization);
        Assert.Equal(new SavedConfig(api.Url, "from-env"), ConfigFile.Load(ConfigPath));
    }

    [Fact]
    public async Task Login_RejectedToken_SavesNothing()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Problem(statusCode: 401)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "login", "--url", api.Url, "--token", "bad");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not authorized", result.Error);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Login_NoToken_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "login");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("berth login needs --token TOKEN", result.Error);
    }

    [Fact]
    public async Task Logout_LoggedIn_RemovesTheSavedConfig()
    {
        ConfigFile.Save(ConfigPath, new SavedConfig("http://h:1", "t"));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "logout");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(ConfigPath));
    }

    public void Dispose() => temp.Dispose();
}
