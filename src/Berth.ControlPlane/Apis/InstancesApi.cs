using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Scaling;
using Berth.Core.Discovery;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>An app's instances as Berth recorded them, and its discovery entries exactly as stored.</summary>
internal static class InstancesApi
{
    public static RouteGroupBuilder MapInstancesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/instances", ListAsync);
        v1.MapGet("/discovery/{id}", DiscoveryAsync);
        return v1;
    }

    private static async Task<Ok<InstanceView[]>> ListAsync(string id, HttpContext context, IStateStore store, InstanceMetrics metrics)
    {
        var instances = await store.ListInstancesAsync(id, context.RequestAborted);
        return TypedResults.Ok(instances.OrderBy(i => i.CreatedAt).Select(i => InstanceView.From(i, metrics.For(i.Id))).ToArray());
    }

    private static async Task<Results<Ok<DiscoveryEntryView[]>, ProblemHttpResult>> DiscoveryAsync(
        string id, HttpContext context, IStateStore store, IDiscoveryStore discovery)
    {
        if (await store.FindOwnedAsync(id, context) is null)
        {
            return Problems.AppNotFound(id);
        }

        var snapshot = await discovery.GetPrefixAsync(ServiceKeys.AppPrefix(id), context.RequestAborted);
        return TypedResults.Ok(snapshot.Entries.Select(e => new DiscoveryEntryView(e.Key, e.Value)).ToArray());
    }
}
