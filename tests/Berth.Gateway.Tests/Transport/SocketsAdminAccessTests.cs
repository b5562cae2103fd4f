namespace Berth.Gateway.Tests.Transport;

/// <summary><see cref="AdminAccessTests"/> on Kestrel's sockets transport (<c>BERTH_Gateway__Transport=sockets</c>).</summary>
public sealed class SocketsAdminAccessTests() : AdminAccessTests(GatewayTransport.Sockets);
