using Berth.ControlPlane;
using Berth.Gateway;

namespace Berth.Hosting;

/// <summary>
/// How <c>berth up</c> and <c>berth server</c> run: the control plane's options (section <c>Berth</c>) and what the host
/// composes beside it, the in-process gateway and the dashboard.
/// </summary>
public sealed class BerthServerOptions : BerthOptions
{
    /// <summary>Where the in-process gateway listens; empty for a control plane whose gateways run on their own.</summary>
    public string? GatewayUrl { get; set; } = "http://127.0.0.1:7080";

    /// <summary>
    /// The in-process gateway's settings (section <c>Gateway</c>: trusted proxies, admin clients, timeouts), as
    /// <c>berth gateway</c> reads them; its base domain is always <see cref="BerthOptions.BaseDomain"/>.
    /// </summary>
    public GatewayOptions Gateway { get; set; } = new();

    /// <summary>
    /// The API's certificate: a PEM file, the certificate first, then any intermediates. With <see cref="ApiTlsKey"/>
    /// the API serves HTTPS, and only HTTPS, on <see cref="BerthOptions.ApiUrl"/>'s address.
    /// </summary>
    public string? ApiTlsCert { get; set; }

    /// <summary>The unencrypted PEM private key of <see cref="ApiTlsCert"/>.</summary>
    public string? ApiTlsKey { get; set; }

    /// <summary>The dashboard's data-protection keys, so signed-in browsers stay signed in across restarts.</summary>
    public string DashboardKeysPath => Path.Combine(DataDirectory, "dashboard-keys");
}
