using Berth.Contracts;
using Berth.ControlPlane.Scaling;
using Berth.Core.Apps;
using Berth.Core.Scaling;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// An app's autoscale policy: <c>PUT</c> sets it, <c>GET</c> reads it, <c>DELETE</c> turns autoscaling off (a sleeping
/// app is woken to one instance, so turning it off never leaves it without any). The leader applies it (<see cref="Autoscaler"/>).
/// </summary>
internal static class AutoscaleApi
{
    /// <summary>How long a sleeping app waits for requests before sleeping, unless the policy says.</summary>
    public const int DefaultIdleSeconds = 300;

    public static RouteGroupBuilder MapAutoscaleApi(this RouteGroupBuilder v1)
    {
        var autoscale = v1.MapGroup("/apps/{id}/autoscale");
        autoscale.MapPut("/", PutAsync);
        autoscale.MapGet("/", GetAsync);
        autoscale.MapDelete("/", DeleteAsync);
        return v1;
    }

    private static async Task<Results<Ok<AutoscaleView>, ProblemHttpResult>> PutAsync(
        string id, AutoscaleRequest request, HttpContext context, IAutoscaleStore policies, TimeProvider time)
    {
        var app = context.OwnedApp();
        if (Refusal(request) is { } refusal)
        {
            return Problems.BadRequest(refusal);
        }

        var policy = Parse(id, request, time.GetUtcNow());
        await policies.PutAutoscalePolicyAsync(policy, context.RequestAborted);
        return TypedResults.Ok(View(policy, app));
    }

    private static async Task<Results<Ok<AutoscaleView>, ProblemHttpResult>> GetAsync(string id, HttpContext context, IAutoscaleStore policies) =>
        await policies.GetAutoscalePolicyAsync(id, context.RequestAborted) is { } policy
            ? TypedResults.Ok(View(policy, context.OwnedApp()))
            : Problems.NotFound($"app '{id}' has no autoscale policy");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext context, IAutoscaleStore policies, ScaleDeployments deployments, SleepCycle sleep)
    {
        if (!await policies.DeleteAutoscalePolicyAsync(id, context.RequestAborted))
        {
            return Problems.NotFound($"app '{id}' has no autoscale policy");
        }

        var app = context.OwnedApp();
        if (app is { Instances: 0, ActiveVersion: not null })
        {
            await deployments.StartAsync(app, 1, context.RequestAborted);
            await sleep.ClearAsync(id, context.RequestAborted);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The policy a request <see cref="Refusal"/> accepted describes.</summary>
    private static AutoscalePolicy Parse(string appId, AutoscaleRequest request, DateTimeOffset now)
    {
        var target = request.Target!;
        var (metric, value) = target.RequestsPerSecondPerInstance is { } rps ? (AutoscaleMetric.RequestsPerSecondPerInstance, rps)
            : target.CpuPercent is { } cpu ? (AutoscaleMetric.CpuPercent, cpu)
            : (AutoscaleMetric.P99Ms, target.P99Ms!.Value);
        var min = request.Min!.Value;
        return new AutoscalePolicy(appId, min, request.Max!.Value, metric, value, min == 0 ? request.IdleSeconds ?? DefaultIdleSeconds : null, now);
    }

    /// <summary>Why the request is refused, or null when it is a valid policy.</summary>
    private static string? Refusal(AutoscaleRequest request)
    {
        if (request.Min is not { } min || request.Max is not { } max)
        {
            return "min and max are required, e.g. {\"min\":1,\"max\":10,\"target\":{\"requestsPerSecondPerInstance\":50}}";
        }

        if (min < 0 || max < 1 || max < min || max > DeploymentsApi.MaxInstances)
        {
            return $"min must be 0 or more, max between 1 and {DeploymentsApi.MaxInstances}, and min no more than max";
        }

        if (request.Target is not { } target
            || new[] { target.RequestsPerSecondPerInstance, target.CpuPercent, target.P99Ms }.Count(v => v is not null) != 1)
        {
            return "target must name exactly one of requestsPerSecondPerInstance, cpuPercent and p99Ms";
        }

        if ((target.RequestsPerSecondPerInstance ?? target.CpuPercent ?? target.P99Ms) is not (> 0 and < 1e9))
        {
            return "the target must be a positive number";
        }

        return request.IdleSeconds switch
        {
            not null when min > 0 => "idleSeconds applies only with min 0 (scale to zero)",
            < 1 or > 86_400 => "idleSeconds must be between 1 and 86400",
            _ => null,
        };
    }

    private static AutoscaleView View(AutoscalePolicy policy, App app) => new(
        policy.AppId,
        policy.Min,
        policy.Max,
        policy.Metric switch
        {
            AutoscaleMetric.RequestsPerSecondPerInstance => new AutoscaleTarget(RequestsPerSecondPerInstance: policy.Target),
            AutoscaleMetric.CpuPercent => new AutoscaleTarget(CpuPercent: policy.Target),
            _ => new AutoscaleTarget(P99Ms: policy.Target),
        },
        policy.IdleSeconds,
        Sleeping: policy.Min == 0 && app.Instances == 0 && app.ActiveVersion is not null,
        policy.UpdatedAt);
}
