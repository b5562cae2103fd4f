using Berth.Gateway.Access;
using Berth.Gateway.Admin;
using Berth.Gateway.Routing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tls;
using Berth.Gateway.Transport.Epoll;
using Berth.Gateway.Wake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Proxy;

/// <summary>What every client session shares: the route table, the connector, counters, and settings turned into ticks.</summary>
internal sealed class ProxyServices : IDisposable
{
    private const int MinUploadBytesPerSecond = 240;

    public ProxyServices(
        RouteTableUpdater routes, GatewayStatistics statistics, AdminSurface admin, SessionWatchdog watchdog,
        IOptions<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers, EpollLoops epoll, WakeHolds wakes,
        HttpsRedirectPort httpsRedirect)
    {
        var settings = options.Value;
        Routes = routes;
        Statistics = statistics;
        Admin = admin;
        Watchdog = watchdog;
        Wakes = wakes;
        HttpsRedirect = httpsRedirect;
        Time = time;
        var useEpoll = settings.Transport == GatewayTransport.Epoll && EpollTransport.IsSupported;
        Connector = new UpstreamConnector(settings.ConnectTimeout, settings.InlineScheduling, useEpoll ? epoll : null, loggers);
        Logger = loggers.CreateLogger<ClientSession>();
        DomainSuffix = "." + settings.BaseDomain;
        TrustedProxies = IpRangeSet.Parse(settings.TrustedProxies, out _);
        AdminClients = IpRangeSet.Parse(settings.AdminClients, out _);
        BackoffTicks = Ticks(settings.PassiveHealthBackoff);
        ResponseTimeoutTicks = Ticks(settings.ResponseTimeout);
        KeepAliveTicks = Ticks(settings.KeepAliveTimeout);
        HeadersTimeoutTicks = Ticks(settings.RequestHeadersTimeout);
        UpstreamIdleTicks = Ticks(settings.UpstreamIdleTimeout);
        TransferIdleTicks = Ticks(settings.TransferIdleTimeout);
        TunnelIdleTicks = Ticks(settings.TunnelIdleTimeout);
        MinUploadBytes = (long)(settings.TransferIdleTimeout.TotalSeconds * MinUploadBytesPerSecond);
        AdminAuthorization = string.IsNullOrEmpty(settings.AdminToken) ? null : System.Text.Encoding.ASCII.GetBytes("Bearer " + settings.AdminToken);

        long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
    }

    public RouteTableUpdater Routes { get; }

    public GatewayStatistics Statistics { get; }

    public AdminSurface Admin { get; }

    public SessionWatchdog Watchdog { get; }

    /// <summary>Requests held for sleeping apps while they wake.</summary>
    public WakeHolds Wakes { get; }

    /// <summary>Where apps' HTTPS redirects point.</summary>
    public HttpsRedirectPort HttpsRedirect { get; }

    public TimeProvider Time { get; }

    public UpstreamConnector Connector { get; }

    public ILogger Logger { get; }

    /// <summary><c>.{BaseDomain}</c>.</summary>
    public string DomainSuffix { get; }

    public IpRangeSet TrustedProxies { get; }

    public IpRangeSet AdminClients { get; }

    public long BackoffTicks { get; }

    public long ResponseTimeoutTicks { get; }

    public long KeepAliveTicks { get; }

    public long HeadersTimeoutTicks { get; }

    public long UpstreamIdleTicks { get; }

    public long TransferIdleTicks { get; }

    public long TunnelIdleTicks { get; }

    /// <summary>
    /// The least a request body must move over each <see cref="GatewayOptions.TransferIdleTimeout"/>: a body trickled
    /// a byte at a time holds an instance connection as surely as a stalled one. Kestrel's default minimum rate; answers
    /// have none (a stream of rare events is legitimate), only the idle limit.
    /// </summary>
    public long MinUploadBytes { get; }

    /// <summary>The Authorization value that opens the admin surface (<c>Bearer {AdminToken}</c>), or null when no token is set.</summary>
    public byte[]? AdminAuthorization { get; }

    public void Dispose() => Connector.Dispose();
}
