using System.Net;
using Berth.Contracts;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Security.Relay;

/// <summary>
/// Gives a call the in-process dashboard relays the address of the browser behind it, so failed sign-ins lock out
/// that browser, not every dashboard user, and the audit log names the browser. Only a caller holding this process's
/// relay key is believed; the headers are dropped from every request either way.
/// </summary>
internal sealed class DashboardRelayMiddleware(RequestDelegate next, DashboardRelay relay)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(DashboardRelay.KeyHeader))
        {
            if (relay.IsKey(headers[DashboardRelay.KeyHeader]) && IPAddress.TryParse(headers[DashboardRelay.ClientHeader], out var browser))
            {
                context.Connection.RemoteIpAddress = browser;
            }

            headers.Remove(DashboardRelay.KeyHeader);
        }

        headers.Remove(DashboardRelay.ClientHeader);
        return next(context);
    }
}
