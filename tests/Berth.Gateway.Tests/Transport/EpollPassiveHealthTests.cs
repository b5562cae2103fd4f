namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="PassiveHealthTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollPassiveHealthTests() : PassiveHealthTests(GatewayTransport.Epoll);
