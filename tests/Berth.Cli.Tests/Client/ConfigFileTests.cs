using System.Runtime.Versioning;
using Berth.Client;

namespace Berth.Cli.Tests.Client;

public sealed class ConfigFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void PathFor_NoBerthConfig_IsUnderHome()
    {
        Assert.Equal(Path.Combine(_temp.Path, ".config", "berth", "config.json"), ConfigFile.PathFor(_temp.Environment()));
    }

    [Fact]
    public void PathFor_XdgConfigHome_IsUnderIt()
    {
        string xdg = Path.Combine(_temp.Path, "xdg");

        Assert.Equal(Path.Combine(xdg, "berth", "config.json"), ConfigFile.PathFor(_temp.Environment(("XDG_CONFIG_HOME", xdg))));
    }

    [Fact]
    public void PathFor_XdgConfigHomeRelative_IgnoredAsTheSpecificationSays()
    {
        Assert.Equal(Path.Combine(_temp.Path, ".config", "berth", "config.json"), ConfigFile.PathFor(_temp.Environment(("XDG_CONFIG_HOME", "rel"))));
    }

    [Fact]
    public void Save_MissingDirectories_CreatesThemAndRoundTrips()
    {
        string path = Path.Combine(_temp.Path, "a", "b", "config.json");

        ConfigFile.Save(path, new SavedConfig("http://h:1", "t"));

        Assert.Equal(new SavedConfig("http://h:1", "t"), ConfigFile.Load(path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Save_AnyFile_IsReadableByOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        string path = _temp.Write("config.json", "{}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        ConfigFile.Save(path, new SavedConfig("http://h:1", "t"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Delete_Saved_RemovesItAndReportsTrue()
    {
        string path = Path.Combine(_temp.Path, "config.json");
        ConfigFile.Save(path, new SavedConfig("http://h:1", "t"));

        Assert.True(ConfigFile.Delete(path));
        Assert.False(File.Exists(path));
        Assert.False(ConfigFile.Delete(path));
    }

    public void Dispose() => _temp.Dispose();
}
