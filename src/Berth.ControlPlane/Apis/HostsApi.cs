using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Execution;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/hosts</c> (admin): add an engine (its capacity read from the engine), list, label and drain hosts, lift the
/// block of a port found taken outside Berth, and remove a host that holds nothing.
/// </summary>
internal static class HostsApi
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);
    private const int UpdateAttempts = 10;

    public static RouteGroupBuilder MapHostsApi(this RouteGroupBuilder v1)
    {
        var hosts = v1.MapGroup("/hosts").RequireAuthorization(Policies.Admin);
        hosts.MapGet("/", ListAsync);
        hosts.MapPost("/", CreateAsync);
        hosts.MapGet("/{name}", GetAsync);
        hosts.MapPatch("/{name}", UpdateAsync);
        hosts.MapDelete("/{name}", DeleteAsync);
        hosts.MapDelete("/{name}/blocked-ports/{port:int}", UnblockAsync);
        return v1;
    }

    private static async Task<Ok<HostView[]>> ListAsync(HttpContext context, IStateStore store, IHostStatusStore status, IBlockedPortStore blockedPorts) =>
        TypedResults.Ok(await FullViewsAsync(store, status, blockedPorts, context.RequestAborted));

    private static async Task<Results<Ok<HostView>, ProblemHttpResult>> GetAsync(
        string name, HttpContext context, IStateStore store, IHostStatusStore status, IBlockedPortStore blockedPorts) =>
        (await FullViewsAsync(store, status, blockedPorts, context.RequestAborted)).FirstOrDefault(v => v.Name == name) is { } view
            ? TypedResults.Ok(view)
            : HostNotFound(name);

    /// <summary>Lifts the block of a port an operator freed, so placements take it again at once.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> UnblockAsync(string name, int port, HttpContext context, IStateStore store, IBlockedPortStore blockedPorts)
    {
        if (await store.GetHostAsync(name, context.RequestAborted) is null)
        {
            return HostNotFound(name);
        }

        return await blockedPorts.UnblockPortAsync(name, port, context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"port {port} of host '{name}' is not blocked");
    }

    private static async Task<Results<Created<HostView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateHostRequest request, HttpContext context, IStateStore store, IContainerRuntimeFactory runtimes, HostChanges changes,
        IOptions<BerthOptions> options)
    {
        var (host, errors) = HostValidation.Validate(request);
        if (host is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "the host is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}")));
        }

        if (host.Tls is not null && runtimes is not IEngineTlsSettings)
        {
            return Problems.BadRequest("this server's container runtime cannot reach engines over TLS");
        }

        HostCapacity capacity;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            timeout.CancelAfter(EngineTimeout);
            try
            {
                capacity = await runtimes.For(host).GetCapacityAsync(timeout.Token);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                var why = e is OperationCanceledException ? $"it did not answer within {EngineTimeout.TotalSeconds:0} s" : e.Message;
                return TypedResults.Problem(
                    $"engine {host.Engine} cannot be reached: {why}", statusCode: StatusCodes.Status502BadGateway, title: "Engine unreachable");
            }
        }

        host = host with { MemoryMb = capacity.MemoryMb, CpuShares = capacity.Cpus * 1024L * options.Value.LocalCpuOvercommit };
        try
        {
            await store.CreateHostAsync(host, context.RequestAborted);
        }
        catch (ConflictException e)
        {
            return Problems.Conflict(e.Message);
        }

        await changes.ReconcileAsync(host.Name, $"host {host.Name} joined", context.RequestAborted);
        return TypedResults.Created($"/v1/hosts/{host.Name}", await ViewAsync(store, host.Name, context.RequestAborted));
    }

    private static async Task<Results<Ok<HostView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string name, UpdateHostRequest request, HttpContext context, IStateStore store, IHostStatusStore status, IBlockedPortStore blockedPorts,
        HostChanges changes)
    {
        var errors = HostValidation.ValidateLabels(request.Labels);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "the labels are not valid: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}")));
        }

        // Every reservation bumps the host's version, so a busy host may need a few tries.
        for (var attempt = 1; attempt <= UpdateAttempts; attempt++)
        {
            if (await store.GetHostAsync(name, context.RequestAborted) is not { } host)
            {
                return HostNotFound(name);
            }

            var changed = host with { Labels = request.Labels ?? new Dictionary<string, string>(host.Labels), Drain = request.Drain ?? host.Drain };
            try
            {
                await store.UpdateHostAsync(changed, context.RequestAborted);
            }
            catch (StaleHostException)
            {
                continue;
            }

            if (changed.Drain != host.Drain || request.Labels is not null)
            {
                await changes.ReconcileAsync(name, Why(host, changed), context.RequestAborted);
            }
            // The same view as GET gives (down state and blocked ports included), so a client can replace what it shows.
            return TypedResults.Ok((await FullViewsAsync(store, status, blockedPorts, context.RequestAborted)).First(v => v.Name == name));
        }

        return Problems.Conflict($"host '{name}' kept changing while it was updated; try again");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, HttpContext context, IStateStore store)
    {
        if (await ViewAsync(store, name, context.RequestAborted) is not { } view)
        {
            return HostNotFound(name);
        }

        try
        {
            await store.DeleteHostAsync(name, context.RequestAborted);
        }
        catch (ConflictException e)
        {
            return Problems.Conflict(view.Drain
                ? $"{e.Message}: it is draining; delete it once they have moved (GET /v1/hosts/{name} shows state 'drained')"
                : $"{e.Message}: drain it first (PATCH /v1/hosts/{name} {{\"drain\": true}}) and delete it once they have moved");
        }
        return TypedResults.NoContent();
    }

    private static string Why(Host before, Host after) =>
        after.Drain != before.Drain
            ? after.Drain ? $"host {after.Name} was drained" : $"host {after.Name} takes instances again"
            : $"labels of host {after.Name} changed";

    private static async Task<HostView?> ViewAsync(IStateStore store, string name, CancellationToken cancellationToken) =>
        (await store.ListHostUsageAsync(cancellationToken)).Where(u => u.Host.Name == name).Select(HostView.From).FirstOrDefault();

    /// <summary>Every host with its usage, whether it is down, and its blocked ports.</summary>
    private static async Task<HostView[]> FullViewsAsync(IStateStore store, IHostStatusStore status, IBlockedPortStore blockedPorts, CancellationToken cancellationToken)
    {
        var hosts = await store.ListHostUsageAsync(cancellationToken);
        var down = await status.ListDownHostsAsync(cancellationToken);
        var blocked = (await blockedPorts.ListBlockedPortsAsync(cancellationToken)).ToLookup(b => b.HostName, BlockedPortView.From, StringComparer.Ordinal);
        return [.. hosts.Select(u => HostView.From(u) with
        {
            Down = down.ContainsKey(u.Host.Name),
            DownSince = down.TryGetValue(u.Host.Name, out var since) ? since : null,
            BlockedPorts = [.. blocked[u.Host.Name]],
        })];
    }

    private static ProblemHttpResult HostNotFound(string name) => Problems.NotFound($"host '{name}' was not found");
}
