using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.ControlPlane;
using Berth.Dashboard.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Hosting;

/// <summary>
/// HTTPS on the API (<c>--api-tls-cert</c>/<c>--api-tls-key</c>): the operator's PEM certificate and key, read and
/// checked before anything is opened, served by Kestrel on the API's listen address, which then speaks HTTPS only.
/// </summary>
internal sealed class ApiTls : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _intermediates;

    private ApiTls(X509Certificate2 certificate, X509Certificate2Collection intermediates)
    {
        _certificate = certificate;
        _intermediates = intermediates;
    }

    /// <summary>
    /// The API's certificate; null when none is configured. Throws <see cref="OptionsValidationException"/> naming the
    /// settings when the files do not hold a certificate with its key, or the certificate has expired.
    /// </summary>
    public static ApiTls? Load(BerthServerOptions options, TimeProvider time)
    {
        if (string.IsNullOrEmpty(options.ApiTlsCert) || string.IsNullOrEmpty(options.ApiTlsKey))
        {
            return null;
        }

        var certificateFile = Path.GetFullPath(options.ApiTlsCert);
        var keyFile = Path.GetFullPath(options.ApiTlsKey);
        X509Certificate2 certificate;
        var chain = new X509Certificate2Collection();
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            chain.ImportFromPemFile(certificateFile);
        }
        catch (ArgumentException)
        {
            throw Bad($"Berth:ApiTlsKey: the key in {keyFile} is not the private key of the certificate in {certificateFile}");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Bad($"Berth:ApiTlsCert and Berth:ApiTlsKey must be a PEM certificate and its unencrypted private key; {certificateFile} and {keyFile} are not ({e.Message})");
        }

        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (notAfter < time.GetUtcNow().UtcDateTime)
        {
            certificate.Dispose();
            throw Bad($"Berth:ApiTlsCert: the certificate in {certificateFile} expired on {notAfter:yyyy-MM-dd HH:mm} UTC");
        }

        // The file's first certificate is the API's own; the rest are the intermediates sent with it.
        chain.RemoveAt(0);
        return new ApiTls(certificate, chain);
    }

    /// <summary>
    /// The listen address with the https scheme: the operator names where the API listens, the certificate says it
    /// speaks HTTPS there (and only that).
    /// </summary>
    public static string ListenUrl(string apiUrl) =>
        apiUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "https://" + apiUrl["http://".Length..] : apiUrl;

    /// <summary>Makes Kestrel serve HTTPS with this certificate on every https address it is given.</summary>
    public void Serve(IWebHostBuilder web)
    {
        // The slim builder leaves HTTPS out unless asked for.
        web.UseKestrelHttpsConfiguration();
        web.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = _certificate;
            https.ServerCertificateChain = _intermediates;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        }));
    }

    /// <summary>
    /// The dashboard calls the API of its own process, on the listen address: it trusts exactly this certificate there,
    /// whatever name or authority it carries (the name is for clients, the address may be 127.0.0.1).
    /// </summary>
    public void TrustedByDashboard(IServiceCollection services) =>
        services.AddHttpClient(DashboardApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawData),
            },
        });

    public void Dispose()
    {
        _certificate.Dispose();
        foreach (var intermediate in _intermediates)
        {
            intermediate.Dispose();
        }
    }

    private static OptionsValidationException Bad(string message) => new(BerthOptions.Section, typeof(BerthServerOptions), [message]);
}
