namespace Berth.ControlPlane.Tests.Security;

/// <summary>What Berth and its scripts keep on the machine is theirs alone: the data folder and the scripts' state folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalFilesTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("berth-local-files-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Start_DataFolderOthersCanRead_RefusedWithTheFix()
    {
        var data = Directory.CreateDirectory(Path.Combine(_temp.FullName, "open"));
        File.SetUnixFileMode(data.FullName, (UnixFileMode)Convert.ToInt32("755", 8));

        var refused = await Assert.ThrowsAsync<IOException>(() => BerthTestServer.StartAsync(configure: options => options.DataDirectory = data.FullName));

        Assert.Contains($"chmod 700 {data.FullName}", refused.Message, StringComparison.Ordinal);
        Assert.Empty(data.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task Start_NoDataFolder_CreatesItForItsOwnerOnly()
    {
        var data = Path.Combine(_temp.FullName, "new");

        await using (await BerthTestServer.StartAsync(configure: options => options.DataDirectory = data))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        }
    }

    [Fact]
    public async Task Scripts_StateFolderOfAnotherUserOrASymlink_Refused()
    {
        var planted = Directory.CreateDirectory(Path.Combine(_temp.FullName, "planted")).FullName;
        Assert.Equal(0, (await Commands.RunAsync("chown", ["nobody", planted])).ExitCode);
        var link = Path.Combine(_temp.FullName, "link");
        File.CreateSymbolicLink(link, planted);
        var fresh = Path.Combine(_temp.FullName, "fresh");

        var foreign = await RegistryAuthAsync(planted);
        var linked = await RegistryAuthAsync(link);
        var made = await RegistryAuthAsync(fresh);

        Assert.NotEqual(0, foreign.ExitCode);
        Assert.Contains("belongs to user nobody", foreign.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(planted));
        Assert.NotEqual(0, linked.ExitCode);
        Assert.Contains("not a plain folder", linked.Output, StringComparison.Ordinal);
        Assert.True(made.ExitCode == 0, made.Output);
        Assert.Equal("711", Convert.ToString((int)File.GetUnixFileMode(fresh), 8));
    }

    /// <summary>A script that keeps state under BERTH_RUN (its keys), run with <paramref name="stateFolder"/> as BERTH_RUN.</summary>
    private static Task<(int ExitCode, string Output)> RegistryAuthAsync(string stateFolder) =>
        Commands.RunAsync("env", [$"BERTH_RUN={stateFolder}", Path.Combine(Commands.RepositoryRoot, "scripts", "registry-auth.sh")]);
}
