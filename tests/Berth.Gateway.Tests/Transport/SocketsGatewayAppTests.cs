namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="GatewayAppTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsGatewayAppTests() : GatewayAppTests(GatewayTransport.Sockets);
