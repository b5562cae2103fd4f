using System.Net;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// Refuses a request whose Host header is not one of the API's names (a page served from a name an attacker
/// controls and rebinds to this address must not reach the API or the dashboard), and takes the client's address
/// from X-Forwarded-For when the connection comes from a trusted proxy, so limits and the audit log see the
/// client rather than the proxy. From any other connection X-Forwarded-For is ignored.
/// </summary>
internal sealed class ApiNetworkMiddleware(RequestDelegate next, ApiNetworkSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue || !settings.AllowsHost(host.Host))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Bad request",
                detail: "this API does not answer to that host name (Berth:AllowedHosts lists the names it answers to)").ExecuteAsync(context);
        }

        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && settings.IsTrustedProxy(peer) && context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded))
        {
            if (ClientOf(forwarded.ToString(), peer) is not { } client)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Bad request",
                    detail: "X-Forwarded-For from a trusted proxy must list IP addresses").ExecuteAsync(context);
            }

            context.Connection.RemoteIpAddress = client;
        }

        return next(context);
    }

    /// <summary>The last address of the list that is not a trusted proxy (the proxy itself when all are); null when an entry does not parse.</summary>
    private IPAddress? ClientOf(string header, IPAddress peer)
    {
        var client = peer;
        var entries = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = entries.Length - 1; i >= 0 && settings.IsTrustedProxy(client); i--)
        {
            if (!TryParseEntry(entries[i], out client))
            {
                return null;
            }
        }

        return client;
    }

    /// <summary>An address, with or without a port (<c>a.b.c.d:p</c>, <c>[v6]:p</c>).</summary>
    private static bool TryParseEntry(string entry, out IPAddress address)
    {
        if (IPAddress.TryParse(entry, out var plain))
        {
            address = plain;
            return true;
        }

        if (IPEndPoint.TryParse(entry, out var endPoint))
        {
            address = endPoint.Address;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
