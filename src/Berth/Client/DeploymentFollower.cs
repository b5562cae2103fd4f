using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.Client;

/// <summary>Follows an accepted deployment until it ends, printing each change of state or reason.</summary>
internal static class DeploymentFollower
{
    /// <summary>
    /// Prints <paramref name="headline"/>, then, unless <paramref name="wait"/> is false, polls the deployment
    /// every <paramref name="pollInterval"/>. Returns 0 when it succeeded and 1, with its reason on stderr, when it failed.
    /// With <paramref name="json"/> it prints nothing on the way but the deployment's JSON as the API gave it last.
    /// </summary>
    public static async Task<int> FollowAsync(
        ClientInvocation call, ApiResponse<DeploymentView> accepted, string headline, bool wait, TimeSpan pollInterval, bool json = false)
    {
        var progress = json ? TextWriter.Null : call.Out;
        await progress.WriteLineAsync($"{headline} (deployment {accepted.Value.Id})");
        if (!wait)
        {
            await progress.WriteLineAsync($"Accepted; see how it goes with: berth deployments {accepted.Value.AppId}");
            await WriteJsonAsync(call, accepted, json);
            return 0;
        }

        var last = accepted;
        DeploymentView current = accepted.Value;
        await WriteStateAsync(progress, current);
        while (current.State is DeploymentStates.Pending or DeploymentStates.Running)
        {
            await Task.Delay(pollInterval, call.CancellationToken);
            last = await call.Api.GetDeploymentAsync(current.AppId, current.Id, call.CancellationToken);
            DeploymentView next = last.Value;
            if (next.State != current.State || next.Reason != current.Reason)
            {
                await WriteStateAsync(progress, next);
            }

            current = next;
        }

        await WriteJsonAsync(call, last, json);
        if (current.State == DeploymentStates.Succeeded)
        {
            await progress.WriteLineAsync(current.Strategy == DeploymentStrategies.Canary
                ? $"{current.AppId} {current.Version} runs as a canary with {current.Instances} instance(s) beside the active version; " +
                  $"split traffic with 'berth traffic set', then 'berth promote {current.AppId}' or 'berth abort {current.AppId}'"
                : $"{current.AppId} {current.Version} is live with {current.Instances} instance(s)");
            return 0;
        }

        await call.Error.WriteLineAsync($"error: deployment {current.Id} failed: {current.Reason ?? "no reason given"}");
        return ClientContext.Failure;
    }

    private static async Task WriteJsonAsync(ClientInvocation call, ApiResponse<DeploymentView> deployment, bool json)
    {
        if (json)
        {
            await call.Out.WriteLineAsync(deployment.Json);
        }
    }

    private static Task WriteStateAsync(TextWriter writer, DeploymentView deployment) =>
        writer.WriteLineAsync(string.IsNullOrEmpty(deployment.Reason)
            ? $"  {Display.Name(deployment.State)}"
            : $"  {Display.Name(deployment.State)}: {deployment.Reason}");
}
