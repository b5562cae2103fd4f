using System.CommandLine;
using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.Client;

/// <summary><c>berth promote</c> and <c>berth abort</c>: end an app's canary (started with <c>berth deploy APP VERSION --canary N</c>).</summary>
internal static class CanaryCommands
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> Create(ClientContext context) => [Promote(context), Abort(context)];

    private static Command Promote(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> noWait = CommonOptions.NoWait();
        var command = new Command("promote", "Make the app's canary its active version, with the app's instance count; the old version retires")
        {
            app, noWait,
        };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            if (await FindCanaryAsync(call, appId) is not { } canary)
            {
                return ClientContext.Failure;
            }

            DeploymentView accepted = (await call.Api.PromoteAsync(appId, canary.Id, call.CancellationToken)).Value;
            return await DeploymentFollower.FollowAsync(
                call, accepted, $"Promoting the canary {accepted.Version} of {appId} to {accepted.Instances} instance(s)",
                !call.ParseResult.GetValue(noWait), context.Environment.PollInterval);
        });
        return command;
    }

    private static Command Abort(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var command = new Command("abort", "Remove the app's canary; the active version keeps serving as it was") { app };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            if (await FindCanaryAsync(call, appId) is not { } canary)
            {
                return ClientContext.Failure;
            }

            DeploymentView aborted = (await call.Api.AbortAsync(appId, canary.Id, call.CancellationToken)).Value;
            await call.Out.WriteLineAsync($"Canary {aborted.Version} of {appId} {aborted.Reason}");
            return 0;
        });
        return command;
    }

    /// <summary>The newest canary deployment of the version the app runs as its canary; null, with the reason written, when there is none.</summary>
    private static async Task<DeploymentView?> FindCanaryAsync(ClientInvocation call, string appId)
    {
        AppView app = (await call.Api.GetAppAsync(appId, call.CancellationToken)).Value;
        if (app.CanaryVersion is not { } version)
        {
            await call.Error.WriteLineAsync($"error: {appId} runs no canary; start one with 'berth deploy {appId} VERSION --canary N'");
            return null;
        }

        IReadOnlyList<DeploymentView> deployments = (await call.Api.ListDeploymentsAsync(appId, call.CancellationToken)).Value;
        DeploymentView? canary = deployments.FirstOrDefault(d => d.Strategy == DeploymentStrategies.Canary && d.Version == version);
        if (canary is null)
        {
            await call.Error.WriteLineAsync($"error: {appId} runs {version} as its canary, but no canary deployment of it is listed");
        }

        return canary;
    }
}
