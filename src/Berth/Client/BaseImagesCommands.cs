using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth base-images ls|add|rm</c>: repositories every tenant may pull and run (adding and removing is the admin's).</summary>
internal static class BaseImagesCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var images = new Command("base-images", "List the images every tenant may run; the admin adds and removes them");
        images.Subcommands.Add(List(context));
        images.Subcommands.Add(Add(context));
        images.Subcommands.Add(Remove(context));
        return [images];
    }

    private static Argument<string> Repository() => new("REPOSITORY") { Description = "A registry repository, e.g. hello or base/nginx" };

    private static Command List(ClientContext context)
    {
        var command = new Command("ls", "List the base images");
        context.SetAnswerAction(command, call => call.Api.ListBaseImagesAsync(call.CancellationToken), (call, images) =>
            TablePrinter.Write(call.Out, ["REPOSITORY", "ADDED"], images.Select(image => (IReadOnlyList<string>)[image.Repository, Display.Time(image.CreatedAt)])));
        return command;
    }

    private static Command Add(ClientContext context)
    {
        Argument<string> repository = Repository();
        var command = new Command("add", "Let every tenant pull and run a repository the admin pushed") { repository };
        context.SetAnswerAction(
            command,
            call => call.Api.AddBaseImageAsync(call.ParseResult.GetRequiredValue(repository), call.CancellationToken),
            (call, _) => call.Out.WriteLine($"{call.ParseResult.GetRequiredValue(repository)} is a base image."));
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> repository = Repository();
        var command = new Command("rm", "Stop offering a repository to every tenant") { repository };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(
                call.Api.RemoveBaseImageAsync(call.ParseResult.GetRequiredValue(repository), call.CancellationToken),
                "base image", ("repository", call.ParseResult.GetRequiredValue(repository))),
            (call, _) => call.Out.WriteLine($"{call.ParseResult.GetRequiredValue(repository)} is no longer a base image."));
        return command;
    }
}
