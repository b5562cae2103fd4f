namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="ForwardingTests"/> on Kestrel's sockets transport (<c>Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsForwardingTests() : ForwardingTests(GatewayTransport.Sockets);
