using Berth.Gateway.Tests.Tls;

namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="HttpsPolicyTests"/> on Kestrel's socket transport.</summary>
public sealed class SocketsHttpsPolicyTests() : HttpsPolicyTests(GatewayTransport.Sockets);
