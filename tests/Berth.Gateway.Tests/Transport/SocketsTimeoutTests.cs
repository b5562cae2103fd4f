namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="TimeoutTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsTimeoutTests() : TimeoutTests(GatewayTransport.Sockets);
