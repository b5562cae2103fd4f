using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Acme.Tests.Support;

/// <summary>
/// A Pebble started by scripts/start-pebble.sh (idempotent, so each test may ask): its directory, a client trusting its
/// own TLS certificate, and the root it issues under. Pebble checks HTTP-01 on <see cref="HttpPort"/> of 127.0.0.1.
/// </summary>
internal sealed class PebbleServer
{
    /// <summary>Where Pebble fetches HTTP-01 answers (the script's default), so where the gateway under test listens.</summary>
    public const int HttpPort = 14080;

    private PebbleServer(Uri directory, Uri management, HttpClient http)
    {
        Directory = directory;
        Management = management;
        Http = http;
    }

    public Uri Directory { get; }

    public Uri Management { get; }

    /// <summary>A client that trusts Pebble's own TLS certificate (and nothing else).</summary>
    public HttpClient Http { get; }

    /// <summary>The fast Pebble (no validation sleep, no refused nonces), or with <paramref name="strict"/> the one with Pebble's defaults.</summary>
    public static async Task<PebbleServer> StartAsync(bool strict, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var script = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "start-pebble.sh"), .. strict ? ["--strict"] : Array.Empty<string>()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        script.Environment["BERTH_PEBBLE_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(script)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/start-pebble.sh failed ({process.ExitCode}): {await errors}{await output}");
        }

        var directory = new Uri((await output).Trim().Split('\n')[^1]);
        var runFolder = Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth";
        var trusted = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(runFolder, "pebble", "tls", "cert.pem"), cancellationToken));
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTrusted(certificate, trusted) },
        };
        var management = new UriBuilder(directory) { Port = directory.Port + 1000, Path = "/" }.Uri;
        return new PebbleServer(directory, management, new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>The root certificate Pebble issues under (a new one each time Pebble starts).</summary>
    public async Task<X509Certificate2> RootAsync(CancellationToken cancellationToken) =>
        X509Certificate2.CreateFromPem(await Http.GetStringAsync(new Uri(Management, "roots/0"), cancellationToken));

    private static bool IsTrusted(X509Certificate? presented, X509Certificate2 trusted) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData);

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
}
