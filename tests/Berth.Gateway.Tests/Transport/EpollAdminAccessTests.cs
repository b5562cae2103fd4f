namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="AdminAccessTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollAdminAccessTests() : AdminAccessTests(GatewayTransport.Epoll);
