using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Client;

/// <summary>
/// How the client checks the API's certificate over HTTPS: against the system's trusted authorities, or with
/// <c>--cacert FILE</c> (<c>BERTH_CACERT</c>) against the authorities in that file only, as <c>curl --cacert</c> does.
/// A refused certificate becomes one sentence saying why and what to do, not .NET's "see the inner exception".
/// </summary>
internal sealed class ServerCertificateCheck : DelegatingHandler
{
    private readonly Uri _url;
    private readonly string? _authoritiesFile;
    private readonly X509Certificate2Collection? _authorities;
    private int _refusedFor;

    private ServerCertificateCheck(Uri url, string? authoritiesFile, X509Certificate2Collection? authorities)
    {
        _url = url;
        _authoritiesFile = authoritiesFile;
        _authorities = authorities;
        InnerHandler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Check } };
    }

    /// <summary>The handler for <paramref name="settings"/>; throws <see cref="ClientConfigException"/> when its CA file cannot be read.</summary>
    public static ServerCertificateCheck Create(ClientSettings settings) =>
        new(settings.Url, settings.CaCertFile, settings.CaCertFile is { } file ? Load(file) : null);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new ServerCertificateException(Explain(e), e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _authorities is not null)
        {
            foreach (var authority in _authorities)
            {
                authority.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static X509Certificate2Collection Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new ClientConfigException($"--cacert (or BERTH_CACERT): there is no file {file}");
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(file);
        }
        catch (CryptographicException e)
        {
            throw new ClientConfigException($"--cacert (or BERTH_CACERT): {file} is not a PEM file of certificates ({e.Message})");
        }

        return authorities.Count > 0 ? authorities : throw new ClientConfigException($"--cacert (or BERTH_CACERT): {file} holds no PEM certificate");
    }

    private bool Check(object sender, X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        if (_authorities is not null && certificate is not null)
        {
            // Only the file's authorities count, as with curl --cacert: the system's verdict on the chain is replaced.
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
            if (!ChainsToAuthorities(certificate, sent))
            {
                errors |= SslPolicyErrors.RemoteCertificateChainErrors;
            }
        }

        Volatile.Write(ref _refusedFor, (int)errors);
        return errors == SslPolicyErrors.None;
    }

    private bool ChainsToAuthorities(X509Certificate certificate, X509Chain? sent)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // The intermediates the server sent: only the roots come from the file.
        chain.ChainPolicy.ExtraStore.AddRange(sent?.ChainPolicy.ExtraStore ?? []);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private string Explain(HttpRequestException failure)
    {
        var refused = (SslPolicyErrors)Volatile.Read(ref _refusedFor);
        var certificate = $"the certificate of Berth at {_url.OriginalString}";
        if (refused.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            return _authoritiesFile is null
                ? $"{certificate} is not trusted: pass --cacert FILE (or set BERTH_CACERT) with the certificate of the authority that signed it"
                : $"{certificate} is not signed by an authority in {_authoritiesFile}";
        }

        if (refused.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"{certificate} is not made out to {_url.Host}";
        }

        var cause = failure.InnerException is AuthenticationException { InnerException: { } inner } ? inner : failure.InnerException ?? failure;
        return $"no TLS connection with Berth at {_url.OriginalString} (is it serving HTTPS there?): {cause.Message}";
    }
}
