using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// The Pebble of <c>scripts/start-pebble.sh --short-lived</c>: certificates valid 30 s (renewed within a test), HTTP-01
/// checked on 127.0.0.1:<see cref="HttpPort"/>, where the test's gateway listens.
/// </summary>
internal sealed class ShortLivedPebble
{
    /// <summary>Where this Pebble fetches HTTP-01 answers: the gateway under test listens here.</summary>
    public const int HttpPort = 14081;

    private ShortLivedPebble(string directory, string tlsCertificate)
    {
        Directory = directory;
        TlsCertificate = tlsCertificate;
    }

    /// <summary>The ACME directory URL.</summary>
    public string Directory { get; }

    /// <summary>The PEM file of Pebble's own TLS certificate (what Berth:Acme:DirectoryCaFile names).</summary>
    public string TlsCertificate { get; }

    public static async Task<ShortLivedPebble> StartAsync()
    {
        var script = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "start-pebble.sh"), "--short-lived"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(script)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/start-pebble.sh --short-lived failed ({process.ExitCode}): {await errors}{await output}");
        }

        var runFolder = Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth";
        return new ShortLivedPebble((await output).Trim().Split('\n')[^1], Path.Combine(runFolder, "pebble", "tls", "cert.pem"));
    }

    /// <summary>The root Pebble issues under now (a new one each time Pebble starts).</summary>
    public async Task<X509Certificate2> RootAsync()
    {
        var trusted = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(TlsCertificate));
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData),
            },
        };
        using var http = new HttpClient(handler);
        var management = new UriBuilder(new Uri(Directory)) { Port = new Uri(Directory).Port + 1000, Path = "/roots/0" }.Uri;
        return X509Certificate2.CreateFromPem(await http.GetStringAsync(management));
    }

    /// <summary>An HttpClient that connects every name to <paramref name="endPoint"/> (as <c>curl --resolve</c>) and trusts only <paramref name="root"/>.</summary>
    public static HttpClient Resolving(IPEndPoint endPoint, X509Certificate2 root) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, sent, errors) => ChainsTo(presented, sent, errors, root) },
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The certificate a handshake with <paramref name="serverName"/> as SNI gets (not checked).</summary>
    public static async Task<X509Certificate2> HandshakeAsync(IPEndPoint endPoint, string serverName)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName, RemoteCertificateValidationCallback = (_, _, _, _) => true });
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Berth.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Berth.slnx not found above " + AppContext.BaseDirectory);
    }

    private static bool ChainsTo(X509Certificate? presented, X509Chain? sent, SslPolicyErrors errors, X509Certificate2 root)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // The intermediates the server sent (as curl uses them): only the root comes from the client.
        chain.ChainPolicy.ExtraStore.AddRange(sent?.ChainPolicy.ExtraStore ?? []);
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }
}
