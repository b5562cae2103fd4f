using System.CommandLine;
using Berth.Contracts;
using Berth.Core.Apps;

namespace Berth.Client;

/// <summary><c>berth apps create ID [options]</c>.</summary>
internal static class AppCreateCommand
{
    /// <summary>Creates the command; every setting has the API's default, so <c>berth apps create web</c> is enough.</summary>
    public static Command Create(ClientContext context)
    {
        var id = new Argument<string>("ID") { Description = "The app's id: lowercase letters, digits and dashes" };
        var image = new Option<string>("--image")
        {
            Description = "A base service image repository to run [default: the tenant's own images, named after the app]",
            HelpName = "REPOSITORY",
        };
        var port = new Option<int>("--port")
        {
            Description = "The port the app listens on in its containers",
            HelpName = "N",
            DefaultValueFactory = _ => 8080,
        };
        var memory = new Option<int>("--memory")
        {
            Description = "Memory per instance, in MB",
            HelpName = "MB",
            DefaultValueFactory = _ => 512,
        };
        var cpuShares = new Option<int>("--cpu-shares")
        {
            Description = "CPU shares per instance (1024 = one CPU)",
            HelpName = "N",
            DefaultValueFactory = _ => 1024,
        };
        var env = new Option<IReadOnlyDictionary<string, string>>("--env")
        {
            Description = "An environment variable for the containers; repeat for more",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => new Dictionary<string, string>(),
            CustomParser = result =>
            {
                if (!EnvVarParser.TryParse(result.Tokens.Select(token => token.Value), out IReadOnlyDictionary<string, string> variables, out string? error))
                {
                    result.AddError(error);
                }

                return variables;
            },
        };
        var healthPath = new Option<string>("--health-path")
        {
            Description = "The HTTP path probed for health",
            HelpName = "PATH",
            DefaultValueFactory = _ => "/_ping",
        };
        var onFailure = new Option<string>("--on-failure")
        {
            Description = "What to do with an unhealthy instance",
            DefaultValueFactory = _ => "restart",
        };
        onFailure.AcceptOnlyFromAmong("restart", "replace", "remove");
        var drainSeconds = new Option<int>("--drain-seconds")
        {
            Description = "Seconds an old instance keeps serving in-flight requests before it stops",
            HelpName = "N",
            DefaultValueFactory = _ => 2,
        };

        var create = new Command("create", "Create an app; deploy a version of it with 'berth deploy'")
        {
            id, image, port, memory, cpuShares, env, healthPath, onFailure, drainSeconds,
        };
        context.SetAnswerAction(
            create,
            call =>
            {
                ParseResult parsed = call.ParseResult;
                var request = new CreateAppRequest(
                    parsed.GetRequiredValue(id),
                    parsed.GetValue(image),
                    parsed.GetValue(port),
                    parsed.GetValue(memory),
                    parsed.GetValue(cpuShares),
                    parsed.GetRequiredValue(env),
                    // Only the path is a flag; probe timing keeps the API's defaults.
                    new HealthCheckRequest(parsed.GetRequiredValue(healthPath), IntervalSeconds: 5, TimeoutSeconds: 2, Retries: 3),
                    parsed.GetRequiredValue(onFailure),
                    parsed.GetValue(drainSeconds));
                return call.Api.CreateAppAsync(request, call.CancellationToken);
            },
            (call, app) => call.Out.WriteLine($"Created app {app.Id}. Deploy a version with: berth deploy {app.Id} VERSION"));
        return create;
    }
}
