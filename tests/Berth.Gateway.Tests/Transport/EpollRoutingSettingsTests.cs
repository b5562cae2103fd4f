namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="RoutingSettingsTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollRoutingSettingsTests() : RoutingSettingsTests(GatewayTransport.Epoll);
