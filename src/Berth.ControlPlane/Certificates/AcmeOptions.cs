namespace Berth.ControlPlane.Certificates;

/// <summary>
/// Certificates over ACME (RFC 8555), section <c>Berth:Acme</c>: with a <see cref="Directory"/> the leader issues a
/// certificate for every verified custom domain (and, with <see cref="AppHosts"/>, every app's host name) and renews it at two thirds of its lifetime; without one, gateways serve
/// certificates of Berth's local authority.
/// </summary>
public sealed class AcmeOptions
{
    /// <summary>The ACME directory URL, e.g. <c>https://acme-v02.api.letsencrypt.org/directory</c>; none by default.</summary>
    public string? Directory { get; set; }

    /// <summary>The account's contact e-mail (optional; the CA writes there about expiring certificates and incidents).</summary>
    public string? Email { get; set; }

    /// <summary>Agreement to the ACME server's terms of service: required with a <see cref="Directory"/>.</summary>
    public bool AgreeToTerms { get; set; }

    /// <summary>
    /// A PEM file of the certificate the directory's own TLS chains to, for a private or test ACME server (Pebble);
    /// none trusts the machine's roots.
    /// </summary>
    public string? DirectoryCaFile { get; set; }

    /// <summary>
    /// Also issue for every app's host name under the base domain (<c>{app}.{BaseDomain}</c>), not only for custom
    /// domains. Off by default: it is one certificate per app against the ACME server's rate limits, and the base
    /// domain must resolve to the gateways for HTTP-01. A valid wildcard the admin uploaded covers them instead.
    /// </summary>
    public bool AppHosts { get; set; }

    /// <summary>How often the leader looks for domains without a certificate and certificates due for renewal.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a failed issuance the same name is tried again (the ACME server's rate limits bite otherwise).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True when an ACME directory is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Directory);

    /// <summary>What is wrong with these settings; null when nothing is.</summary>
    public string? Problem() => !Enabled ? null
        : !Uri.TryCreate(Directory, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") ? $"Berth:Acme:Directory '{Directory}' is not an http(s) URL."
        : !AgreeToTerms ? "Berth:Acme:AgreeToTerms must be true to use an ACME directory (its terms of service apply to the account)."
        : DirectoryCaFile is { Length: > 0 } file && !File.Exists(file) ? $"Berth:Acme:DirectoryCaFile '{file}' does not exist."
        : CheckInterval <= TimeSpan.Zero || RetryDelay <= TimeSpan.Zero ? "Berth:Acme:CheckInterval and RetryDelay must be positive."
        : null;
}
