namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="ForwardingTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsForwardingTests() : ForwardingTests(GatewayTransport.Sockets);
