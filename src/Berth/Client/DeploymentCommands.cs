using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth deploy</c> (rolling, or <c>--canary N</c>), <c>scale</c>, <c>rollback</c> and <c>deployments</c>: changing what runs, and its history.</summary>
internal static class DeploymentCommands
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> Create(ClientContext context) =>
        [CreateDeploy(context), CreateScale(context), CreateRollback(context), CreateList(context)];

    private static Command CreateDeploy(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var version = new Argument<string>("VERSION") { Description = "The image tag to run" };
        var instances = new Option<int?>("--instances")
        {
            Description = "How many instances to run [default: as many as now, or 1 for a first deployment]",
            HelpName = "N",
        };
        var canary = new Option<int?>("--canary")
        {
            Description = "Run N instances of the version as a canary beside the active version, which keeps serving; then 'berth promote' or 'berth abort'",
            HelpName = "N",
        };
        Option<bool> noWait = CommonOptions.NoWait();
        Option<bool> json = CommonOptions.Json();
        var deploy = new Command("deploy", "Deploy a version of an app and follow it until it is live or failed")
        {
            app, version, instances, canary, noWait, json,
        };
        context.SetAction(deploy, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            if (call.ParseResult.GetValue(canary) is { } canaries)
            {
                if (canaries < 1 || call.ParseResult.GetValue(instances) is not null)
                {
                    await call.Error.WriteLineAsync(canaries < 1 ? "error: --canary needs at least 1 instance" : "error: give --canary N or --instances N, not both");
                    return ClientCommands.UsageError;
                }

                var canaryRequest = new CreateDeploymentRequest(call.ParseResult.GetRequiredValue(version), canaries, "canary");
                var started = await call.Api.DeployAsync(appId, canaryRequest, call.CancellationToken);
                return await FollowAsync(context, call, started, $"Deploying {appId} {started.Value.Version} as a canary with {started.Value.Instances} instance(s)", noWait, json);
            }

            int count = call.ParseResult.GetValue(instances) ?? await CurrentInstancesAsync(call, appId);
            var request = new CreateDeploymentRequest(call.ParseResult.GetRequiredValue(version), count);
            var accepted = await call.Api.DeployAsync(appId, request, call.CancellationToken);
            return await FollowAsync(context, call, accepted, $"Deploying {appId} {accepted.Value.Version} with {accepted.Value.Instances} instance(s)", noWait, json);
        });
        return deploy;
    }

    private static Command CreateScale(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var instances = new Argument<int>("N") { Description = "How many instances of the active version to run" };
        Option<bool> noWait = CommonOptions.NoWait();
        Option<bool> json = CommonOptions.Json();
        var scale = new Command("scale", "Change how many instances of an app's active version run") { app, instances, noWait, json };
        context.SetAction(scale, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            var accepted = await call.Api.ScaleAsync(appId, call.ParseResult.GetValue(instances), call.CancellationToken);
            return await FollowAsync(context, call, accepted, $"Scaling {appId} to {accepted.Value.Instances} instance(s)", noWait, json);
        });
        return scale;
    }

    private static Command CreateRollback(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        Option<bool> noWait = CommonOptions.NoWait();
        Option<bool> json = CommonOptions.Json();
        var rollback = new Command("rollback", "Deploy an app's previous version again") { app, noWait, json };
        context.SetAction(rollback, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(app);
            var accepted = await call.Api.RollbackAsync(appId, call.CancellationToken);
            return await FollowAsync(context, call, accepted, $"Rolling back {appId} to {accepted.Value.Version}", noWait, json);
        });
        return rollback;
    }

    private static Command CreateList(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var list = new Command("deployments", "List an app's deployments, newest first") { app };
        context.SetAnswerAction(list, call => call.Api.ListDeploymentsAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, deployments) =>
            TablePrinter.Write(
                call.Out,
                ["ID", "VERSION", "STRATEGY", "INSTANCES", "STATE", "UPDATED", "REASON"],
                deployments.Select(deployment => (IReadOnlyList<string>)
                [
                    deployment.Id,
                    deployment.Version,
                    Display.Name(deployment.Strategy),
                    Display.Number(deployment.Instances),
                    Display.Name(deployment.State),
                    Display.Time(deployment.UpdatedAt),
                    Display.OrNone(deployment.Reason),
                ])));
        return list;
    }

    private static async Task<int> CurrentInstancesAsync(ClientInvocation call, string appId)
    {
        AppView app = (await call.Api.GetAppAsync(appId, call.CancellationToken)).Value;
        return Math.Max(app.Instances, 1);
    }

    private static Task<int> FollowAsync(
        ClientContext context, ClientInvocation call, ApiResponse<DeploymentView> accepted, string headline, Option<bool> noWait, Option<bool> json) =>
        DeploymentFollower.FollowAsync(call, accepted, headline, !call.ParseResult.GetValue(noWait), context.Environment.PollInterval, call.ParseResult.GetValue(json));
}
