namespace Berth.Gateway;

/// <summary>Gateway settings, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Apps answer at <c>{appId}.{BaseDomain}</c>.</summary>
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>How long the route table updater waits before listing again after a watch failed.</summary>
    public TimeSpan WatchRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Addresses and CIDR ranges of proxies in front of the gateway. Only when the client connection comes from one of
    /// them is its X-Forwarded-For believed (the client is the last address in it that is not itself a trusted proxy);
    /// otherwise the connection's address is the client, for blacklists and for X-Forwarded-For.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// Addresses and CIDR ranges allowed to read statistics and metrics on the admin surface (<c>/_berth/stats/…</c>,
    /// <c>/metrics</c>); others get the 404 of an unknown host. Loopback only by default: add the control planes'
    /// and Prometheus servers' addresses when they run elsewhere. <c>/_berth/health</c> answers everyone.
    /// </summary>
    public string[] AdminClients { get; set; } = ["127.0.0.0/8", "::1"];

    /// <summary>
    /// A secret that opens the admin surface to a request carrying <c>Authorization: Bearer {AdminToken}</c>, from any
    /// address (at least 32 characters; none by default). For scrapers that reach the gateway through a proxy.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>How long an instance that refused a connection sits out of balancing, unless discovery lists it again sooner.</summary>
    public TimeSpan PassiveHealthBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection to an instance may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance may take to start answering (its response head); then the client gets 504.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long an idle client connection is kept open between requests.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a client may take to send a whole request head once it started.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a body or an answer may make no progress in either direction once it started: a client that stops
    /// sending its body or stops reading the answer, an instance that stops reading the body or falls silent in the
    /// middle of its answer. Then both connections are closed. A request body must also move at least 240 bytes a second
    /// over each such window (a trickle holds an instance connection as surely as a stall).
    /// </summary>
    public TimeSpan TransferIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a protocol switch (101, e.g. a WebSocket) may carry no byte in either direction before both sides are closed.</summary>
    public TimeSpan TunnelIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an idle connection to an instance is kept for reuse.</summary>
    public TimeSpan UpstreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the proxy's code on the socket threads instead of hopping to the thread pool (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>, for client and instance connections). Safe because the proxy never blocks;
    /// measured ~15 % less CPU per request when the process also sets <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>
    /// (a standalone gateway should; a process that also runs blocking code should not).
    /// </summary>
    public bool InlineScheduling { get; set; } = true;

    /// <summary>
    /// The transport under both sides of the proxy: the gateway's own epoll loops by default (measured ~10 % less CPU
    /// per request than Kestrel's sockets; bench/README.md), <c>Gateway__Transport=sockets</c> for Kestrel's. On epoll
    /// the proxy always runs on the loop threads, whatever <see cref="InlineScheduling"/> says.
    /// </summary>
    public GatewayTransport Transport { get; set; } = GatewayTransport.Epoll;

    /// <summary>
    /// Where the gateway listens for HTTPS (e.g. <c>https://127.0.0.1:7443</c>); null or empty for plain HTTP only.
    /// TLS 1.2 and 1.3, the certificate picked by SNI, ALPN offering h2 and http/1.1.
    /// </summary>
    public string? HttpsUrl { get; set; }

    /// <summary>
    /// The port an app's HTTPS redirect (308) sends clients to; 0 for the port <see cref="HttpsUrl"/> listens on. Set
    /// it (e.g. 443) when a load balancer or port mapping in front of the gateways puts HTTPS on another port.
    /// </summary>
    public int HttpsRedirectPort { get; set; }

    /// <summary>
    /// The folder of Berth's local certificate authority (its root, <c>root.crt</c>, is what clients trust): made on
    /// first start, read after. Needed with <see cref="HttpsUrl"/>.
    /// </summary>
    public string? LocalAuthorityDirectory { get; set; }

    /// <summary>
    /// The installation's secret key (base64 of 32 bytes, the control planes' <c>Berth:SecretKey</c>), which opens the
    /// keys of the certificate store (<c>/caas/certificates/</c>). Without it the gateway serves only its local
    /// authority's certificates.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>How many requests one sleeping app may have held while it wakes; the next get 503 with Retry-After.</summary>
    public int WakeHoldLimit { get; set; } = 100;

    /// <summary>How long a request for a sleeping app is held for it to wake; then it gets 503 with Retry-After.</summary>
    public TimeSpan WakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when <see cref="BaseDomain"/> is a bare domain name (no scheme, port, path or outer dots).</summary>
    public static bool IsValidBaseDomain(string? domain) =>
        !string.IsNullOrEmpty(domain) && !domain.StartsWith('.') && !domain.EndsWith('.') && domain.IndexOfAny([':', '/', ' ']) < 0;

    /// <summary>Copies every setting from <paramref name="source"/>.</summary>
    public void CopyFrom(GatewayOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        BaseDomain = source.BaseDomain;
        WatchRetryDelay = source.WatchRetryDelay;
        TrustedProxies = [.. source.TrustedProxies];
        AdminClients = [.. source.AdminClients];
        AdminToken = source.AdminToken;
        PassiveHealthBackoff = source.PassiveHealthBackoff;
        ConnectTimeout = source.ConnectTimeout;
        ResponseTimeout = source.ResponseTimeout;
        KeepAliveTimeout = source.KeepAliveTimeout;
        RequestHeadersTimeout = source.RequestHeadersTimeout;
        UpstreamIdleTimeout = source.UpstreamIdleTimeout;
        TransferIdleTimeout = source.TransferIdleTimeout;
        TunnelIdleTimeout = source.TunnelIdleTimeout;
        InlineScheduling = source.InlineScheduling;
        Transport = source.Transport;
        HttpsUrl = source.HttpsUrl;
        HttpsRedirectPort = source.HttpsRedirectPort;
        LocalAuthorityDirectory = source.LocalAuthorityDirectory;
        SecretKey = source.SecretKey;
        WakeHoldLimit = source.WakeHoldLimit;
        WakeTimeout = source.WakeTimeout;
    }

    /// <summary>The 32 bytes of <see cref="SecretKey"/>; null when it is unset or not 32 bytes of base64.</summary>
    public byte[]? SecretKeyBytes()
    {
        if (string.IsNullOrEmpty(SecretKey))
        {
            return null;
        }

        var bytes = new byte[32];
        return Convert.TryFromBase64String(SecretKey, bytes, out var written) && written == 32 ? bytes : null;
    }
}
