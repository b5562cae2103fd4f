namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="TimeoutTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollTimeoutTests() : TimeoutTests(GatewayTransport.Epoll);
