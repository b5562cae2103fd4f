using System.Text.Json;
using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.Core.Apps;
using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/traffic</c>: split traffic between versions by weight (<c>{"v1":90,"v2":10}</c>) and choose the
/// balancing policy (<c>"balancing":"least-requests"</c>, beside or without weights). DELETE goes back to the
/// defaults: the active version takes everything, round robin.
/// </summary>
internal static class TrafficApi
{
    private const string BalancingField = "balancing";
    private const int MaxWeight = 1_000_000;
    private const int MaxVersions = 20;

    public static RouteGroupBuilder MapTrafficApi(this RouteGroupBuilder v1)
    {
        var traffic = v1.MapGroup("/apps/{id}/traffic");
        traffic.MapPut("/", SetAsync);
        traffic.MapGet("/", GetAsync);
        traffic.MapDelete("/", ClearAsync);
        return v1;
    }

    private static async Task<Results<Ok<TrafficView>, ProblemHttpResult>> SetAsync(
        string id, JsonElement body, HttpContext context, IStateStore store, IGatewaySettingsStore settings,
        GatewaySettingsPublisher publisher, ServiceRegistry registry)
    {
        var app = context.OwnedApp();

        var (policy, error) = Parse(body);
        if (policy is null)
        {
            return Problems.BadRequest(error);
        }

        var known = await KnownVersionsAsync(app, store, registry, context.RequestAborted);
        var unknown = policy.Weights.Keys.Where(v => !known.Contains(v)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return Problems.BadRequest($"app '{id}' has no deployed version {string.Join(", ", unknown)}; weights name versions that were deployed");
        }

        await settings.SetTrafficAsync(id, policy, context.RequestAborted);
        await publisher.PublishTrafficAsync(id, policy, context.RequestAborted);
        return TypedResults.Ok(TrafficView.From(policy, app.ActiveVersion));
    }

    private static async Task<Ok<TrafficView>> GetAsync(string id, HttpContext context, IGatewaySettingsStore settings) =>
        TypedResults.Ok(TrafficView.From(await settings.GetTrafficAsync(id, context.RequestAborted), context.OwnedApp().ActiveVersion));

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearAsync(
        string id, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
    {
        await settings.SetTrafficAsync(id, null, context.RequestAborted);
        await publisher.PublishTrafficAsync(id, null, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Reads <c>{"version": weight, …, "balancing": "policy"}</c>; a string value is the policy, a number a weight.</summary>
    private static (TrafficPolicy? Policy, string Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object of version → weight, such as {\"v1\":90,\"v2\":10}, optionally with \"balancing\"");
        }

        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        var balancing = BalancingPolicies.RoundRobin;
        foreach (var field in body.EnumerateObject())
        {
            if (field.Name == BalancingField && field.Value.ValueKind == JsonValueKind.String)
            {
                balancing = field.Value.GetString()!;
                if (!BalancingPolicies.IsKnown(balancing))
                {
                    return (null, $"balancing must be one of {string.Join(", ", BalancingPolicies.All)}");
                }
            }
            else if (!AppId.IsValidVersion(field.Name))
            {
                return (null, $"'{field.Name}' is not a version (an image tag: letters, digits, '_', '.' and '-')");
            }
            else if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt32(out var weight) || weight is < 0 or > MaxWeight)
            {
                return (null, $"the weight of {field.Name} must be a whole number from 0 to {MaxWeight}");
            }
            else
            {
                weights[field.Name] = weight;
            }
        }

        if (weights.Count > MaxVersions)
        {
            return (null, $"a split names at most {MaxVersions} versions");
        }

        return weights.Count > 0 && weights.Values.All(w => w == 0)
            ? (null, "the weights must add up to more than 0")
            : (new TrafficPolicy { Weights = weights, Balancing = balancing }, "");
    }

    /// <summary>Versions a split may name: deployed successfully (or deploying), active, or with instances registered now.</summary>
    private static async Task<HashSet<string>> KnownVersionsAsync(App app, IStateStore store, ServiceRegistry registry, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (app.ActiveVersion is not null)
        {
            known.Add(app.ActiveVersion);
        }

        foreach (var deployment in await store.ListDeploymentsAsync(app.Id, cancellationToken))
        {
            if (deployment.State is DeploymentState.Succeeded or DeploymentState.Running)
            {
                known.Add(deployment.Version);
            }
        }

        foreach (var instance in await registry.ListAsync(app.Id, cancellationToken))
        {
            known.Add(instance.Version);
        }

        return known;
    }
}
