using System.Security.Cryptography;
using Berth.ControlPlane.Auth;
using Berth.Core.Security;
using Berth.Core.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Security.Audit;

/// <summary>
/// Records every call to <c>/v1</c> that could change something, every read of a secret's value and every failed
/// registry sign-in — who made it, with which token, from where, and how it ended — whether it was allowed or not.
/// Calls without valid credentials write within <see cref="AnonymousAuditBudget"/>. Bodies are not recorded: they
/// may hold secrets.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, ISecurityStore store, AnonymousAuditBudget anonymous, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    private const int MaxPathLength = 1024;
    private const int MaxMethodLength = 16;

    private static readonly object RecordKey = new();

    /// <summary>Asks for this request to be audited though it only reads, because what it reads is sensitive (a secret's value).</summary>
    public static void Record(HttpContext context) => context.Items[RecordKey] = true;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (ApiTokens.WritableScopeRequirement.IsReading(request.Method))
        {
            await next(context);
            if (context.Items.ContainsKey(RecordKey))
            {
                await RecordAsync(context, context.Response.StatusCode);
            }

            return;
        }

        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            await RecordAsync(context, status);
        }
    }

    private async Task RecordAsync(HttpContext context, int status)
    {
        var caller = context.User.Identity?.IsAuthenticated == true ? Caller.From(context.User) : null;
        var client = context.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        var skipped = 0;
        if (caller is null && !anonymous.TryTake(client, out skipped))
        {
            return;
        }

        if (skipped > 0)
        {
            await AppendAsync(NewEntry(null, client, "*", $"({skipped} more calls without valid credentials, not recorded one by one)", 0));
        }

        var path = context.Request.Path.Value ?? "";
        // Who a failed registry sign-in claimed to be: docker sends it as ?account=.
        if (caller is null && context.Request.Query["account"] is { Count: > 0 } account)
        {
            path += "?account=" + account[0];
        }

        await AppendAsync(NewEntry(caller, client, context.Request.Method, path, status));
    }

    private AuditEntry NewEntry(Caller? caller, System.Net.IPAddress client, string method, string path, int status)
    {
        var at = time.GetUtcNow();
        return new AuditEntry
        {
            // Time first so ids sort in time order; the random tail keeps two entries of one tick apart.
            Id = $"{at.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            At = at,
            Actor = caller?.Tenant,
            TokenId = caller?.TokenId,
            Client = client.Equals(System.Net.IPAddress.None) ? "unknown" : client.ToString(),
            Method = Truncate(method, MaxMethodLength),
            Path = Truncate(path, MaxPathLength),
            Status = status,
        };
    }

    private async Task AppendAsync(AuditEntry entry)
    {
        try
        {
            // Not the request's token: a client that hangs up must still leave its trace.
            await store.AppendAuditAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogAuditFailed(logger, e, entry.Method, entry.Path, entry.Actor);
        }
    }

    /// <summary>Bounded, without control characters (some databases refuse NUL) and without a split surrogate pair.</summary>
    private static string Truncate(string text, int length)
    {
        var end = text.Length <= length ? text.Length : char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return string.Create(end, text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for {Method} {Path} by {Actor}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string method, string path, string? actor);
}
