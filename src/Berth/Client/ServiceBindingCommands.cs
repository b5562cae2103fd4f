using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth services bind|unbind|bindings</c>: an app's own credentials to a service, rolled out without downtime.</summary>
internal static class ServiceBindingCommands
{
    public static Command Bind(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service to bind" };
        Argument<string> app = new("APP") { Description = "The app that gets its address and credentials" };
        Option<string?> name = new("--as") { Description = "The variables' prefix (NAME_URL, NAME_HOST…); DATABASE or REDIS, then DB2… by default" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("bind", "Give an app a user of its own on the service, as variables, with a rolling restart") { service, app, name, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<BindingView> response = await call.Api.BindServiceAsync(
                call.ParseResult.GetRequiredValue(service),
                new CreateBindingRequest(call.ParseResult.GetRequiredValue(app), call.ParseResult.GetValue(name)),
                call.CancellationToken);
            return await ReportAsync(call, response, call.ParseResult.GetValue(json), b => $"{b.App} bound to {b.Service}: {string.Join(", ", b.Variables)} (user {b.User})");
        });
        return command;
    }

    public static Command Unbind(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service" };
        Argument<string> app = new("APP") { Description = "The bound app" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("unbind", "Roll the app out without the service's variables, then drop its user") { service, app, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<BindingView> response = await call.Api.UnbindServiceAsync(
                call.ParseResult.GetRequiredValue(service), call.ParseResult.GetRequiredValue(app), call.CancellationToken);
            return await ReportAsync(call, response, call.ParseResult.GetValue(json), b => $"{b.App} unbound from {b.Service}: {b.Prefix}_* removed, user {b.User} dropped");
        });
        return command;
    }

    public static Command List(ClientContext context)
    {
        Argument<string> service = new("SERVICE") { Description = "The service" };
        var command = new Command("bindings", "The apps bound to a service and their variables") { service };
        context.SetAnswerAction(command, call => call.Api.ListBindingsAsync(call.ParseResult.GetRequiredValue(service), call.CancellationToken), (call, bindings) =>
            TablePrinter.Write(call.Out, ["APP", "PREFIX", "USER", "VARIABLES", "CREATED"],
                bindings.Select(b => (IReadOnlyList<string>)[b.App, b.Prefix, b.User, string.Join(" ", b.Variables), Display.Time(b.CreatedAt)])));
        return command;
    }

    /// <summary>Prints the outcome and the rolling restart's; a restart that failed makes the command fail.</summary>
    private static async Task<int> ReportAsync(ClientInvocation call, ApiResponse<BindingView> response, bool json, Func<BindingView, string> done)
    {
        BindingView binding = response.Value;
        if (json)
        {
            await call.Out.WriteLineAsync(response.Json);
        }
        else
        {
            await call.Out.WriteLineAsync(done(binding));
            await call.Out.WriteLineAsync(binding.Rollout is { } rollout
                ? $"Rolling restart {rollout.Id} of {rollout.AppId} {rollout.Version}: {rollout.State}{(rollout.Reason is null ? "" : $" ({rollout.Reason})")}"
                : "The app runs no instance: its next deploy gets the change.");
        }

        if (binding.Rollout is { State: DeploymentStates.Failed } failed)
        {
            await call.Error.WriteLineAsync($"The rolling restart failed: {failed.Reason}");
            return 1;
        }

        return 0;
    }
}
