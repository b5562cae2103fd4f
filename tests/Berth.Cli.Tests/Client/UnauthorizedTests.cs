namespace Berth.Cli.Tests.Client;

/// <summary>A token a real Berth does not know.</summary>
public sealed class UnauthorizedTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Run_Unauthorized_TellsToLogIn()
    {
        CliResult result = await RunAsAsync("berth_wrong", "apps", "ls");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("error: not authorized — run 'berth login --token …'" + Environment.NewLine, result.Error);
    }
}
