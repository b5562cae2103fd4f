using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth instances APP</c>: an app's containers and their health.</summary>
internal static class InstancesCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        Argument<string> app = CommonOptions.App();
        var instances = new Command("instances", "List an app's instances: where they run, whether they are healthy, their CPU and memory") { app };
        context.SetAnswerAction(instances, call => call.Api.ListInstancesAsync(call.ParseResult.GetRequiredValue(app), call.CancellationToken), (call, listed) =>
            TablePrinter.Write(
                call.Out,
                ["ID", "VERSION", "HOST", "ADDRESS", "STATE", "HEALTH", "CPU", "MEMORY", "CONTAINER", "CREATED"],
                listed.Select(instance => (IReadOnlyList<string>)
                [
                    instance.Id,
                    instance.Version,
                    instance.Host,
                    instance.Address,
                    Display.Name(instance.State),
                    Display.Name(instance.Health),
                    Display.Percent(instance.CpuPercent),
                    Display.Memory(instance.MemoryUsedBytes, instance.MemoryLimitBytes),
                    Display.ShortId(instance.ContainerId),
                    Display.Time(instance.CreatedAt),
                ])));
        return [instances];
    }
}
