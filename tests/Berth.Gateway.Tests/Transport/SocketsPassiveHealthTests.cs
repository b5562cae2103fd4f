namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="PassiveHealthTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsPassiveHealthTests() : PassiveHealthTests(GatewayTransport.Sockets);
