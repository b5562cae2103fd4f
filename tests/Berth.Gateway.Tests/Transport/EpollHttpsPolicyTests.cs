using Berth.Gateway.Tests.Tls;

namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="HttpsPolicyTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollHttpsPolicyTests() : HttpsPolicyTests(GatewayTransport.Epoll);
