using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.Client;

/// <summary>Follows an accepted deployment until it ends, printing each change of state or reason.</summary>
internal static class DeploymentFollower
{
    /// <summary>
    /// Prints <paramref name="headline"/>, then, unless <paramref name="wait"/> is false, polls the deployment
    /// every <paramref name="pollInterval"/>. Returns 0 when it succeeded and 1, with its reason on stderr, when it failed.
    /// </summary>
    public static async Task<int> FollowAsync(ClientInvocation call, DeploymentView accepted, string headline, bool wait, TimeSpan pollInterval)
    {
        await call.Out.WriteLineAsync($"{headline} (deployment {accepted.Id})");
        if (!wait)
        {
            await call.Out.WriteLineAsync($"Accepted; see how it goes with: berth deployments {accepted.AppId}");
            return 0;
        }

        DeploymentView current = accepted;
        await WriteStateAsync(call.Out, current);
        while (current.State is DeploymentStates.Pending or DeploymentStates.Running)
        {
            await Task.Delay(pollInterval, call.CancellationToken);
            DeploymentView next = (await call.Api.GetDeploymentAsync(current.AppId, current.Id, call.CancellationToken)).Value;
            if (next.State != current.State || next.Reason != current.Reason)
            {
                await WriteStateAsync(call.Out, next);
            }

            current = next;
        }

        if (current.State == DeploymentStates.Succeeded)
        {
            await call.Out.WriteLineAsync(current.Strategy == DeploymentStrategies.Canary
                ? $"{current.AppId} {current.Version} runs as a canary with {current.Instances} instance(s) beside the active version; " +
                  $"split traffic with 'berth traffic set', then 'berth promote {current.AppId}' or 'berth abort {current.AppId}'"
                : $"{current.AppId} {current.Version} is live with {current.Instances} instance(s)");
            return 0;
        }

        await call.Error.WriteLineAsync($"error: deployment {current.Id} failed: {current.Reason ?? "no reason given"}");
        return ClientContext.Failure;
    }

    private static Task WriteStateAsync(TextWriter writer, DeploymentView deployment) =>
        writer.WriteLineAsync(string.IsNullOrEmpty(deployment.Reason)
            ? $"  {Display.Name(deployment.State)}"
            : $"  {Display.Name(deployment.State)}: {deployment.Reason}");
}
