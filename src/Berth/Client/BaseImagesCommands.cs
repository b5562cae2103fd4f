using System.CommandLine;
using Berth.Contracts;

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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("ls", "List the base images") { json };
        context.SetAction(command, async call =>
        {
            ApiResponse<IReadOnlyList<BaseImageView>> response = await call.Api.ListBaseImagesAsync(call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(call.Out, ["REPOSITORY", "ADDED"],
                response.Value.Select(image => (IReadOnlyList<string>)[image.Repository, Display.Time(image.CreatedAt)]));
            return 0;
        });
        return command;
    }

    private static Command Add(ClientContext context)
    {
        Argument<string> repository = Repository();
        var command = new Command("add", "Let every tenant pull and run a repository the admin pushed") { repository };
        context.SetAction(command, async call =>
        {
            string name = call.ParseResult.GetRequiredValue(repository);
            await call.Api.AddBaseImageAsync(name, call.CancellationToken);
            await call.Out.WriteLineAsync($"{name} is a base image.");
            return 0;
        });
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> repository = Repository();
        var command = new Command("rm", "Stop offering a repository to every tenant") { repository };
        context.SetAction(command, async call =>
        {
            string name = call.ParseResult.GetRequiredValue(repository);
            await call.Api.RemoveBaseImageAsync(name, call.CancellationToken);
            await call.Out.WriteLineAsync($"{name} is no longer a base image.");
            return 0;
        });
        return command;
    }
}
