using Berth.Client;

namespace Berth.Cli.Tests.Client;

public sealed class ClientSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Resolve_NothingConfigured_DefaultUrlAndNoToken()
    {
        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment());

        Assert.Equal(new Uri("http://127.0.0.1:7070"), settings.Url);
        Assert.Null(settings.Token);
    }

    [Fact]
    public void Resolve_AdminTokenInWorkingDirectoryWithoutBerthData_NotUsed()
    {
        _temp.Write("data/admin.token", "admin-token\n");

        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment());

        Assert.Null(settings.Token);
    }

    [Fact]
    public void Resolve_BerthDataRelative_ReadsAdminTokenFromItUnderTheWorkingDirectory()
    {
        _temp.Write("data/admin.token", "admin-token\n");

        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment(("BERTH_DATA", "data")));

        Assert.Equal("admin-token", settings.Token);
    }

    [Fact]
    public void Resolve_BerthDataSet_ReadsAdminTokenFromThere()
    {
        _temp.Write("data/admin.token", "default-data-token");
        string elsewhere = Path.GetDirectoryName(_temp.Write("elsewhere/admin.token", "elsewhere-token"))!;

        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment(("BERTH_DATA", elsewhere)));

        Assert.Equal("elsewhere-token", settings.Token);
    }

    [Fact]
    public void Resolve_SavedConfig_BeatsDefaults()
    {
        _temp.Write("data/admin.token", "admin-token");
        ConfigFile.Save(Path.Combine(_temp.Path, ".config/berth/config.json"), new SavedConfig("http://saved:1", "saved-token"));

        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment());

        Assert.Equal(new ClientSettings(new Uri("http://saved:1"), "saved-token"), settings);
    }

    [Fact]
    public void Resolve_BerthConfigSet_ReadsThatFile()
    {
        string path = Path.Combine(_temp.Path, "other.json");
        ConfigFile.Save(path, new SavedConfig("http://other:2", "other-token"));

        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment(("BERTH_CONFIG", path)));

        Assert.Equal(new ClientSettings(new Uri("http://other:2"), "other-token"), settings);
    }

    [Fact]
    public void Resolve_EnvironmentVariables_BeatSavedConfig()
    {
        ConfigFile.Save(Path.Combine(_temp.Path, ".config/berth/config.json"), new SavedConfig("http://saved:1", "saved-token"));
        ClientEnvironment environment = _temp.Environment(("BERTH_URL", "http://env:3"), ("BERTH_TOKEN", "env-token"));

        ClientSettings settings = ClientSettings.Resolve(null, null, environment);

        Assert.Equal(new ClientSettings(new Uri("http://env:3"), "env-token"), settings);
    }

    [Fact]
    public void Resolve_Options_BeatEnvironmentVariables()
    {
        ClientEnvironment environment = _temp.Environment(("BERTH_URL", "http://env:3"), ("BERTH_TOKEN", "env-token"));

        ClientSettings settings = ClientSettings.Resolve("http://option:4", "option-token", environment);

        Assert.Equal(new ClientSettings(new Uri("http://option:4"), "option-token"), settings);
    }

    [Fact]
    public void Resolve_UrlAndTokenFromDifferentSources_EachTakesItsFirstMatch()
    {
        ConfigFile.Save(Path.Combine(_temp.Path, ".config/berth/config.json"), new SavedConfig("http://saved:1", "saved-token"));

        ClientSettings settings = ClientSettings.Resolve("http://option:4", null, _temp.Environment());

        Assert.Equal(new ClientSettings(new Uri("http://option:4"), "saved-token"), settings);
    }

    [Fact]
    public void Resolve_EmptyEnvironmentVariable_IsIgnored()
    {
        ClientSettings settings = ClientSettings.Resolve(null, null, _temp.Environment(("BERTH_URL", "")));

        Assert.Equal(new Uri(ClientSettings.DefaultUrl), settings.Url);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host:21")]
    [InlineData("127.0.0.1:7070")]
    public void Resolve_InvalidUrl_ThrowsWithTheUrl(string url)
    {
        var exception = Assert.Throws<ClientConfigException>(() => ClientSettings.Resolve(url, null, _temp.Environment()));

        Assert.Contains(url, exception.Message);
    }

    [Fact]
    public void Resolve_CorruptConfig_ThrowsNamingTheFile()
    {
        string path = _temp.Write(".config/berth/config.json", "{ not json");

        var exception = Assert.Throws<ClientConfigException>(() => ClientSettings.Resolve(null, null, _temp.Environment()));

        Assert.Contains(path, exception.Message);
    }

    public void Dispose() => _temp.Dispose();
}
