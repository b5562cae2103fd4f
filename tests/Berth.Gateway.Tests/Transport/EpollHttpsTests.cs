using Berth.Gateway.Tests.Tls;

namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="HttpsTests"/> on the gateway's own epoll transport (the default).</summary>
public sealed class EpollHttpsTests() : HttpsTests(GatewayTransport.Epoll);
