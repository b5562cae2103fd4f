namespace Berth.Cli.Tests.Client;

/// <summary><c>berth base-images</c> against a real Berth, as the admin.</summary>
public sealed class BaseImagesCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Add_NestedRepository_KeepsItsSlash()
    {
        string repository = $"base/n-{Guid.NewGuid():N}"[..14];

        CliResult result = await RunAsync("base-images", "add", repository);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{repository} is a base image.", result.Out);
        Assert.Contains(repository, (await RunAsync("base-images", "ls")).Out);
    }
}
