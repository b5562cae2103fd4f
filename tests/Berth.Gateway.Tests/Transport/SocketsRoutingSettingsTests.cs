namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="RoutingSettingsTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsRoutingSettingsTests() : RoutingSettingsTests(GatewayTransport.Sockets);
