namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="GatewayAppTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollGatewayAppTests() : GatewayAppTests(GatewayTransport.Epoll);
