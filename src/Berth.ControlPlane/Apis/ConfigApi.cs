using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Audit;
using Berth.ControlPlane.Security.Limits;
using Berth.Core.State;
using Berth.Discovery.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/config</c>: configuration an app can change and follow at run time. The list is a
/// blocking query with <c>?waitIndex=N&amp;wait=30s</c>, like Consul's; the index is also in <c>X-Berth-Index</c>.
/// </summary>
internal static class ConfigApi
{
    public const string IndexHeader = "X-Berth-Index";
    public const int MaxValueLength = 64 * 1024;
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder v1)
    {
        var config = v1.MapGroup("/apps/{id}/config");
        config.MapGet("/", ListAsync);
        config.MapGet("/{key}", GetAsync);
        config.MapPut("/{key}", SetAsync);
        config.MapDelete("/{key}", DeleteAsync);
        return v1;
    }

    private static async Task<Results<Ok<ConfigListView>, ProblemHttpResult>> ListAsync(
        string id, long? waitIndex, string? wait, HttpContext context, ConfigStore config, TenantWaits waits)
    {
        if (!TryParseWait(wait, out var duration))
        {
            return Problems.BadRequest("wait must be a duration such as 30s or 2m, at most 5m");
        }

        var tenant = Caller.From(context.User).Tenant;
        using var lease = waitIndex is null ? null : waits.TryEnter(tenant);
        if (waitIndex is not null && lease is null)
        {
            return Problems.TooManyWaits(tenant, waits.Limit);
        }

        var snapshot = waitIndex is { } index
            ? await config.WaitAsync(id, index, duration, context.RequestAborted)
            : await config.ListAsync(id, context.RequestAborted);
        context.Response.Headers[IndexHeader] = snapshot.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(ConfigListView.From(snapshot));
    }

    /// <summary>
    /// One key's value. A secret's value is shown only to a token that could change it (a read-only token reads
    /// that it is set, as in the list, and nothing more), and every reveal is audited, though a GET.
    /// </summary>
    private static async Task<Results<Ok<ConfigEntryView>, ProblemHttpResult>> GetAsync(
        string id, string key, HttpContext context, ConfigStore config)
    {
        if (await config.GetAsync(id, key, context.RequestAborted) is not { } entry)
        {
            return Problems.NotFound($"app '{id}' has no config key '{key}'");
        }

        if (entry.Secret)
        {
            AuditMiddleware.Record(context);
            if (Caller.From(context.User).ReadOnly)
            {
                return TypedResults.Problem(
                    $"'{key}' is a secret: its value is shown only to tokens that may change it, not to read-only tokens",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden");
            }
        }

        return TypedResults.Ok(ConfigEntryView.From(entry));
    }

    private static async Task<Results<Ok<ConfigEntryView>, ProblemHttpResult>> SetAsync(
        string id, string key, SetConfigRequest request, HttpContext context, ConfigStore config)
    {
        if (!ConfigKeys.IsValid(key))
        {
            return Problems.BadRequest("a config key becomes an environment variable: letters, digits and '_', not starting with a digit, at most 128");
        }

        if (request.Value is null || request.Value.Length > MaxValueLength)
        {
            return Problems.BadRequest($"value is required, at most {MaxValueLength} characters");
        }

        try
        {
            return TypedResults.Ok(ConfigEntryView.From(await config.SetAsync(id, key, request.Value, request.Secret ?? false, context.RequestAborted)));
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, string key, HttpContext context, ConfigStore config)
    {
        return await config.DeleteAsync(id, key, context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"app '{id}' has no config key '{key}'");
    }

    /// <summary>Reads <c>?wait=</c>: seconds or minutes such as <c>30s</c> or <c>2m</c>, at most five minutes.</summary>
    internal static bool TryParseWait(string? text, out TimeSpan wait)
    {
        wait = DefaultWait;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var unit = text[^1] switch { 's' => 1, 'm' => 60, _ => 0 };
        if (unit == 0 || !int.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        wait = TimeSpan.FromSeconds((long)count * unit);
        return wait <= MaxWait;
    }
}
