using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace Berth.Dashboard.Relay;

/// <summary>
/// Reads the browser's address from the circuit's own connection (a component cannot see an HttpContext), each time
/// the connection comes up, since a reconnect may come from elsewhere.
/// </summary>
internal sealed class BrowserAddressCapture(IHttpContextAccessor accessor, BrowserAddress address) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Remember(accessor.HttpContext?.Connection.RemoteIpAddress);
        return Task.CompletedTask;
    }
}
