using Berth.Gateway.Tests.Tls;

namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="HttpsTests"/> on Kestrel's socket transport.</summary>
public sealed class SocketsHttpsTests() : HttpsTests(GatewayTransport.Sockets);
