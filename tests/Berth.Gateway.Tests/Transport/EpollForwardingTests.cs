namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="ForwardingTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollForwardingTests() : ForwardingTests(GatewayTransport.Epoll);
