using Berth.Acme.Tests.Support;

namespace Berth.Acme.Tests;

public sealed class AcmeClientNonceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisterAsync_OneBadNonce_RetriedWithTheRefusalsNonce()
    {
        var server = new ScriptedAcmeServer { RefuseNonces = 1 };

        var account = await RegisterAsync(server);

        Assert.Equal(new Uri("https://acme.test/account/1"), account);
        Assert.Equal(["n0", "n1"], server.SignedNonces);
    }

    [Fact]
    public async Task RegisterAsync_TwoBadNonces_ThrowsBadNonce()
    {
        var server = new ScriptedAcmeServer { RefuseNonces = 2 };

        var error = await Assert.ThrowsAsync<AcmeException>(() => RegisterAsync(server));

        Assert.Equal("badNonce", error.Problem?.Kind);
        Assert.Contains("stale nonce", error.Message);
    }

    private static async Task<Uri> RegisterAsync(ScriptedAcmeServer server)
    {
        using var http = new HttpClient(server);
        using var key = AcmeAccountKey.Create();
        return await new AcmeClient(http, ScriptedAcmeServer.Directory, key, TimeProvider.System).RegisterAsync(null, Ct);
    }
}
