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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("promote", "Make the app's canary its active version, with the app's instance count; the old version retires")
        {
            app, noWait, json,
        };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            if (await FindCanaryAsync(call, appId) is not { } canary)
            {
                return ClientContext.Failure;
            }

            var accepted = await call.Api.PromoteAsync(appId, canary.Id, call.CancellationToken);
            return await DeploymentFollower.FollowAsync(
                call, accepted, $"Promoting the canary {accepted.Value.Version} of {appId} to {accepted.Value.Instances} instance(s)",
                !call.ParseResult.GetValue(noWait), context.Environment.PollInterval, call.ParseResult.GetValue(json));
        });
        return command;
    }

    private static Command Abort(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("abort", "Remove the app's canary; the active version keeps serving as it was") { app, json };
        context.SetAction(command, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            if (await FindCanaryAsync(call, appId) is not { } canary)
            {
                return ClientContext.Failure;
            }

            var aborted = await call.Api.AbortAsync(appId, canary.Id, call.CancellationToken);
            await call.Out.WriteLineAsync(call.ParseResult.GetValue(json) ? aborted.Json : $"Canary {aborted.Value.Version} of {appId} {aborted.Value.Reason}");
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
