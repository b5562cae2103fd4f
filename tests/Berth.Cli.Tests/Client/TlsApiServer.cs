using Berth.Client;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// A <see cref="RealServer"/> whose API serves HTTPS (<c>--api-tls-cert</c>/<c>--api-tls-key</c>) with a certificate of a
/// private authority, as an operator's would be; a second authority signed nothing the server has.
/// </summary>
public sealed class TlsApiServer : RealServer
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("berth-api-tls-");

    public TlsApiServer()
    {
        Authority = TestAuthority.Create(Path.Combine(_folder.FullName, "ours"));
        OtherAuthority = TestAuthority.Create(Path.Combine(_folder.FullName, "other"));
    }

    /// <summary>The authority that signed the API's certificate.</summary>
    internal TestAuthority Authority { get; }

    /// <summary>An authority that did not.</summary>
    internal TestAuthority OtherAuthority { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    protected override void Configure(BerthServerOptions options)
    {
        options.ApiTlsCert = Authority.CertificateFile;
        options.ApiTlsKey = Authority.KeyFile;
    }

    /// <summary>The CLI's own check, trusting the authority, as <c>--cacert</c> makes it.</summary>
    protected override HttpMessageHandler AdminHandler() =>
        ServerCertificateCheck.Create(new ClientSettings(new Uri(Server.ApiUrl), null) { CaCertFile = Authority.RootFile });
}
