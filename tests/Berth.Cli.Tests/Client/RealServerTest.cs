using Berth.Client;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>Commands against a real Berth shared by the class (<see cref="RealServer"/>), run as the admin.</summary>
public abstract class RealServerTest(RealServer real) : IClassFixture<RealServer>, IDisposable
{
    private readonly TempDirectory temp = new();

    /// <summary>The running control plane.</summary>
    protected BerthServer Server => real.Server;

    /// <summary>The admin's token.</summary>
    private protected string AdminToken => real.AdminToken;

    /// <summary>The environment commands run in: a temporary home and working directory.</summary>
    private protected ClientEnvironment ClientEnvironment() => temp.Environment();

    /// <summary>Runs <c>berth</c> with <paramref name="args"/> against the server, as the admin.</summary>
    private protected Task<CliResult> RunAsync(params string[] args) => RunAsAsync(real.AdminToken, args);

    /// <summary>Runs <c>berth</c> with <paramref name="args"/> against the server with <paramref name="token"/>.</summary>
    private protected Task<CliResult> RunAsAsync(string token, params string[] args) =>
        CliRunner.RunAsync(temp.Environment(), [.. args, "--url", Server.ApiUrl, "--token", token]);

    public void Dispose()
    {
        temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
